#!/usr/bin/env python3
"""Prints SQL setting each benchmark resident's phone, encrypted as PersonalData does (AES-256-GCM: version
byte 1, 12-byte IV, ciphertext with tag), so the export decrypts and masks a phone on every row.
Usage: phones.py <base64 key>"""
import base64
import os
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

key = AESGCM(base64.b64decode(sys.argv[1]))
print("BEGIN;")
for n in range(1, 1001):
    iv = os.urandom(12)
    sealed = bytes([1]) + iv + key.encrypt(iv, ("139%08d" % (n * 7919)).encode(), None)
    print("UPDATE app_user SET phone_enc = '\\x%s' WHERE openid = 'bench-export-resident-%d';" % (sealed.hex(), n))
print("COMMIT;")
