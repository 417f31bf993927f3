package cn.gridgov.region;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where equally good address matches meet: their nearest common ancestor, compared by whole path labels. */
class AddressMatchTest {

    @Test
    void equallyGoodMatchesMeetAtTheirNearestCommonAncestor() {
        assertEquals("1.4.17.230", AddressMatch.commonAncestor(List.of("1.4.17.230")));
        assertEquals("1.4.17", AddressMatch.commonAncestor(List.of("1.4.17.230", "1.4.17.231")));
        assertEquals("1.4", AddressMatch.commonAncestor(List.of("1.4.17.230", "1.4.170.5")));
        assertEquals("1", AddressMatch.commonAncestor(List.of("1.4.17", "1.5.17")));
    }
}
