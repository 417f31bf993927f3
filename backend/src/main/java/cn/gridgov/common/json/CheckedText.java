package cn.gridgov.common.json;

import cn.gridgov.common.text.AllowedText;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;

/**
 * Refuses JSON text the {@link AllowedText} rule refuses (a {@code \u0000} escape would otherwise reach
 * PostgreSQL, which answers an error): for strings bound to fields, and for JSON trees (region imports).
 */
public final class CheckedText {

    private CheckedText() {
    }

    /** A string field whose text is refused; {@code ProblemMapper} answers 400 naming the field. */
    public static final class Refused extends JsonMappingException {
        Refused(JsonParser parser) {
            super(parser, "text with a control character or an unpaired surrogate");
        }
    }

    /** String fields, list elements and map values. */
    static final class Strings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = super.deserialize(p, ctxt);
            if (!AllowedText.allowed(text)) {
                throw new Refused(p);
            }
            return text;
        }
    }

    /** Text values of JSON trees (read with {@code readTree}). */
    static final class Nodes extends JsonNodeFactory {
        @Override
        public TextNode textNode(String text) {
            if (!AllowedText.allowed(text)) {
                throw AllowedText.refused();
            }
            return super.textNode(text);
        }
    }
}
