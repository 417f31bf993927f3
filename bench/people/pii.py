#!/usr/bin/env python3
"""Prints SQL giving each benchmark person (名 居民000000..居民099999) an ID number and a phone, encrypted and hashed as
PersonalData does (AES-256-GCM: version byte 1, 12-byte IV, ciphertext with tag; HMAC-SHA256 search hash), so the
roster decrypts and masks two values per person. Deterministic: the numbers and the IVs derive from the person's
number (an IV per value, never reused under the key). Usage: pii.py <base64 encryption key> <base64 hash key>"""
import base64
import hashlib
import hmac
import sys
from datetime import date, timedelta

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

key = AESGCM(base64.b64decode(sys.argv[1]))
hash_key = base64.b64decode(sys.argv[2])
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(g):
    born = date(1940, 1, 1) + timedelta(days=(g * 37) % 29000)
    first17 = "341122" + born.strftime("%Y%m%d") + "%03d" % (g // 29000 * 100 + g % 100)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def seal(text, g, field):
    iv = hashlib.sha256(("bench-people/%d/%s" % (g, field)).encode()).digest()[:12]
    return (bytes([1]) + iv + key.encrypt(iv, text.encode(), None)).hex()


def digest(text):
    return hmac.new(hash_key, text.encode(), hashlib.sha256).hexdigest()


print("BEGIN;")
print("CREATE TEMP TABLE bench_pii (name text, id_enc bytea, id_hash bytea, phone_enc bytea, phone_hash bytea);")
print("COPY bench_pii FROM stdin;")
for g in range(100000):
    idn = id_number(g)
    phone = "139%08d" % ((g * 7919) % 100000000)
    print("居民%06d\t\\\\x%s\t\\\\x%s\t\\\\x%s\t\\\\x%s" % (g, seal(idn, g, "id"), digest(idn), seal(phone, g, "phone"),
                                                         digest(phone)))
print("\\.")
print("UPDATE person p SET id_number_enc = s.id_enc, id_number_hash = s.id_hash, phone_enc = s.phone_enc, "
      "phone_hash = s.phone_hash FROM bench_pii s WHERE p.name = s.name AND p.id_number_enc IS NULL;")
print("COMMIT;")
print("VACUUM ANALYZE person;")
