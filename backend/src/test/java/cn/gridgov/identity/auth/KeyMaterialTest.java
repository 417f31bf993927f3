package cn.gridgov.identity.auth;

import cn.gridgov.identity.personal.PersonalData;
import cn.gridgov.identity.personal.PiiConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where keys come from: configured, generated at the first start and kept, or the development keys on opt-in only. */
class KeyMaterialTest {

    private static final String DEV_PEM = SigningKeys.read(SigningKeys.DEV_KEY_LOCATION);

    private static KeyMaterial generatedIn(Path dir) {
        return new KeyMaterial(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(dir), false);
    }

    @Test
    void keysAreGeneratedAtTheFirstStartAndReadAgainOnTheNext(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("demo-keys");
        KeyMaterial first = generatedIn(dir);
        for (String file : new String[] {KeyMaterial.SIGNING_KEY_FILE, KeyMaterial.ENCRYPTION_KEY_FILE,
                KeyMaterial.HASH_KEY_FILE}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))),
                    file + " readable by its owner only");
        }
        assertTrue(first.signingKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
        assertNotEquals(DEV_PEM.trim(), first.signingKeyPem());
        assertNotEquals(PiiConfig.DEV_ENCRYPTION_KEY, first.piiEncryptionKey());
        assertNotEquals(PiiConfig.DEV_HASH_KEY, first.piiHashKey());
        assertNotEquals(first.piiEncryptionKey(), first.piiHashKey());

        KeyMaterial restarted = generatedIn(dir);
        assertEquals(first.signingKeyPem(), restarted.signingKeyPem());
        assertEquals(first.piiEncryptionKey(), restarted.piiEncryptionKey());
        assertEquals(first.piiHashKey(), restarted.piiHashKey());
        // and they work: phone numbers stored before the restart are read after it
        byte[] stored = new PersonalData(first).encrypt("13800001234");
        assertEquals("13800001234", new PersonalData(restarted).decrypt(stored));

        KeyMaterial elsewhere = generatedIn(tmp.resolve("other"));
        assertNotEquals(first.signingKeyPem(), elsewhere.signingKeyPem());
        assertNotEquals(first.piiEncryptionKey(), elsewhere.piiEncryptionKey());
    }

    @Test
    void configuredKeysComeFirst(@TempDir Path tmp) {
        KeyMaterial keys = new KeyMaterial(Optional.of(SigningKeys.DEV_KEY_LOCATION), Optional.of("enc"),
                Optional.of("hash"), Optional.of(tmp), false);
        assertEquals(DEV_PEM, keys.signingKeyPem());
        assertEquals("enc", keys.piiEncryptionKey());
        assertEquals("hash", keys.piiHashKey());
        assertTrue(Files.notExists(tmp.resolve(KeyMaterial.SIGNING_KEY_FILE)), "nothing generated");
    }

    @Test
    void developmentKeysOnlyWithTheirOptIn() {
        KeyMaterial dev = new KeyMaterial(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true);
        assertEquals(DEV_PEM, dev.signingKeyPem());
        assertEquals(PiiConfig.DEV_ENCRYPTION_KEY, dev.piiEncryptionKey());
        assertEquals(PiiConfig.DEV_HASH_KEY, dev.piiHashKey());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new KeyMaterial(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false));
        assertTrue(refused.getMessage().contains("gridgov.jwt.signing-key"), refused.getMessage());
    }
}
