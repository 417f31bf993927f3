package cn.gridgov.stats.export;

import java.io.IOException;

/** Writes exported rows in one format to the response as they come from the database cursor. */
interface ExportSink {

    /** Before the first row: headers, the document's opening. */
    void begin() throws IOException;

    void row(ExportRow row) throws IOException;

    /** After the last row: the document's closing; flushes what is buffered. */
    void end() throws IOException;
}
