import CSodium

/// The cryptography Xueji needs, all from libsodium: Argon2id password hashes, random tokens and
/// BLAKE2b digests. Nothing here is hand-rolled.
public enum Crypto {
    /// libsodium must be initialised once before use; `sodium_init` is itself idempotent and thread-safe.
    static let ready: Bool = sodium_init() >= 0

    /// An Argon2id hash string (`$argon2id$v=19$m=…`) with libsodium's interactive limits.
    public static func hashPassword(_ password: String) throws -> String {
        precondition(ready, "libsodium failed to initialise")
        var out = [CChar](repeating: 0, count: xj_pwhash_strbytes())
        let rc = crypto_pwhash_str(&out, password, UInt64(password.utf8.count),
                                   xj_pwhash_opslimit_interactive(), xj_pwhash_memlimit_interactive())
        guard rc == 0 else { throw CryptoError.outOfMemory }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Constant-time verification of a password against a stored hash string.
    public static func verifyPassword(_ password: String, hash: String) -> Bool {
        precondition(ready, "libsodium failed to initialise")
        return crypto_pwhash_str_verify(hash, password, UInt64(password.utf8.count)) == 0
    }

    /// `count` random bytes as URL-safe base64 without padding.
    public static func randomToken(bytes count: Int = 32) -> String {
        precondition(ready, "libsodium failed to initialise")
        var bytes = [UInt8](repeating: 0, count: count)
        randombytes_buf(&bytes, count)
        return base64URL(bytes)
    }

    /// BLAKE2b-256 of the text, as lower-case hex.
    public static func blake2b(_ text: String) -> String {
        precondition(ready, "libsodium failed to initialise")
        var out = [UInt8](repeating: 0, count: 32)
        let input = Array(text.utf8)
        crypto_generichash(&out, 32, input, UInt64(input.count), nil, 0)
        return hex(out)
    }

    /// SHA-256 of the bytes, as lower-case hex (content addresses of attachments).
    public static func sha256(_ bytes: [UInt8]) -> String {
        precondition(ready, "libsodium failed to initialise")
        var digest = [UInt8](repeating: 0, count: 32)
        crypto_hash_sha256(&digest, bytes, UInt64(bytes.count))
        return hex(digest)
    }

    /// Lower-case hex, by libsodium.
    static func hex(_ bytes: [UInt8]) -> String {
        var out = [CChar](repeating: 0, count: bytes.count * 2 + 1)
        sodium_bin2hex(&out, out.count, bytes, bytes.count)
        return String(decoding: out.prefix(bytes.count * 2).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// URL-safe base64 without padding, by libsodium.
    static func base64URL(_ bytes: [UInt8]) -> String {
        var out = [CChar](repeating: 0, count: xj_base64url_length(bytes.count))
        _ = xj_base64url(&out, out.count, bytes, bytes.count)
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

public enum CryptoError: Error { case outOfMemory }
