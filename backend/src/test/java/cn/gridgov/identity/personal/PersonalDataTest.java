package cn.gridgov.identity.personal;

import cn.gridgov.identity.auth.KeyMaterial;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encryption at rest, the search hash and masking of personal data. */
class PersonalDataTest {

    private static KeyMaterial config(String enc, String hash) {
        return new KeyMaterial(Optional.of("classpath:dev-keys/dev-jwt-signing-key.pem"), Optional.of(enc),
                Optional.of(hash), Optional.empty(), false);
    }

    private final PersonalData data = new PersonalData(config(PiiConfig.DEV_ENCRYPTION_KEY, PiiConfig.DEV_HASH_KEY));

    @Test
    void encryptsWithFreshIvAndDecryptsBack() {
        byte[] a = data.encrypt("13812341234");
        byte[] b = data.encrypt("13812341234");
        assertFalse(java.util.Arrays.equals(a, b), "a fresh IV each time");
        assertFalse(new String(a, StandardCharsets.ISO_8859_1).contains("13812341234"));
        assertEquals("13812341234", data.decrypt(a));
        assertTrue(data.usesDevKeys());
    }

    @Test
    void tamperedCiphertextIsRejected() {
        byte[] a = data.encrypt("13812341234");
        a[a.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> data.decrypt(a));
    }

    @Test
    void searchHashIsStableAndKeyed() {
        assertArrayEquals(data.searchHash("13812341234"), data.searchHash("13812341234"));
        PersonalData other = new PersonalData(config(PiiConfig.DEV_ENCRYPTION_KEY,
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        assertNotEquals(java.util.HexFormat.of().formatHex(data.searchHash("13812341234")),
                java.util.HexFormat.of().formatHex(other.searchHash("13812341234")));
        assertTrue(other.usesDevKeys(), "one dev key is enough to count as development material");
    }

    @Test
    void masksPhoneNumbers() {
        assertEquals("138****1234", PersonalData.maskPhone("13812341234"));
        assertEquals("****56", PersonalData.maskPhone("123456"));
        assertEquals(null, PersonalData.maskPhone(null));
    }

    @Test
    void refusesKeysOfTheWrongSize() {
        assertThrows(IllegalStateException.class, () -> new PersonalData(config("c2hvcnQ=", PiiConfig.DEV_HASH_KEY)));
        assertThrows(IllegalStateException.class, () -> new PersonalData(config("not base64!", PiiConfig.DEV_HASH_KEY)));
    }
}
