package cn.gridgov.identity.personal;

import cn.gridgov.identity.auth.KeyMaterial;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts personal data at rest (AES-256-GCM: version byte, 12-byte IV, ciphertext with tag), hashes it
 * with a keyed HMAC for exact-match search, and masks it for display ({@code 138****1234}).
 */
@Singleton
public class PersonalData {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec hashKey;
    private final boolean devKeys;

    public PersonalData(KeyMaterial keys) {
        this.encryptionKey = new SecretKeySpec(key(keys.piiEncryptionKey(), "gridgov.pii.encryption-key"), "AES");
        this.hashKey = new SecretKeySpec(key(keys.piiHashKey(), "gridgov.pii.hash-key"), "HmacSHA256");
        this.devKeys = PiiConfig.DEV_ENCRYPTION_KEY.equals(keys.piiEncryptionKey())
                || PiiConfig.DEV_HASH_KEY.equals(keys.piiHashKey());
    }

    /** Whether either key is the committed development key. */
    public boolean usesDevKeys() {
        return devKeys;
    }

    public byte[] encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String decrypt(byte[] stored) {
        if (stored == null || stored.length < 1 + IV_BYTES + 16 || stored[0] != VERSION) {
            throw new IllegalStateException("unknown personal-data ciphertext format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, stored, 1, IV_BYTES));
            byte[] plain = cipher.doFinal(stored, 1 + IV_BYTES, stored.length - 1 - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data cannot be decrypted (wrong key?)", e);
        }
    }

    /** The keyed hash to search by; equal inputs give equal hashes. */
    public byte[] searchHash(String plain) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return mac.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 13812341234} → {@code 138****1234}; short values keep only their last two characters. */
    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() >= 8) {
            return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
        }
        return "*".repeat(Math.max(0, phone.length() - 2)) + phone.substring(Math.max(0, phone.length() - 2));
    }

    /** {@code 110101199003074514} → {@code 1101**********4514}: the area's first four and the last four stay. */
    public static String maskIdNumber(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        if (idNumber.length() <= 8) {
            return "*".repeat(idNumber.length());
        }
        return idNumber.substring(0, 4) + "*".repeat(idNumber.length() - 8) + idNumber.substring(idNumber.length() - 4);
    }

    /** {@code 张小明} → {@code 张**}: the first character stays, so colleagues can still tell people apart. */
    public static String maskName(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    private static byte[] key(String base64, String name) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not base64", e);
        }
        if (key.length != 32) {
            throw new IllegalStateException(name + " must be 32 bytes (base64 of 32 random bytes)");
        }
        return key;
    }
}
