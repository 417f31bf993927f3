package cn.gridgov.wechat;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Dev mode's stand-ins for WeChat's content checks: a local word list for text. */
class DevContentCheckTest {

    @Test
    void wordsOfTheListsMakeTextRiskyOrToReviewAndAnythingElsePasses() {
        List<String> risky = List.of("赌博", " 毒品 ");
        List<String> review = List.of("加微信", "");
        assertEquals(ContentCheck.Suggest.RISKY, WeChatClient.devTextCheck(risky, review, "小区里有人聚众赌博").suggest());
        assertEquals(ContentCheck.Suggest.RISKY, WeChatClient.devTextCheck(risky, review, "毒品交易").suggest());
        assertEquals(ContentCheck.Suggest.REVIEW, WeChatClient.devTextCheck(risky, review, "加微信领红包").suggest());
        assertEquals(ContentCheck.Suggest.PASS, WeChatClient.devTextCheck(risky, review, "东门井盖缺失").suggest());
        assertEquals(ContentCheck.Suggest.PASS, WeChatClient.devTextCheck(risky, review, null).suggest());
    }

    @Test
    void weChatsWordsAndLabelsAreRead() {
        assertEquals(ContentCheck.Suggest.RISKY, ContentCheck.Suggest.of("risky"));
        assertEquals(ContentCheck.Suggest.PASS, ContentCheck.Suggest.of("PASS"));
        assertEquals(ContentCheck.Suggest.REVIEW, ContentCheck.Suggest.of(null));
        assertEquals(20002, ContentCheck.label("20002"));
        assertEquals(100, ContentCheck.label(100));
        assertEquals(null, ContentCheck.label("x"));
    }
}
