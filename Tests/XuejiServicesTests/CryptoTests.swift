import Testing
@testable import XuejiServices

struct CryptoTests {
    @Test func blake2bMatchesTheReferenceVector() {
        // BLAKE2b-256 of the empty string (RFC 7693 parameters, 32-byte digest).
        #expect(Crypto.blake2b("") == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
    }

    @Test func tokensAreURLSafeAndUnique() {
        let a = Crypto.randomToken(), b = Crypto.randomToken()
        #expect(a.count == 43 && a != b)
        #expect(a.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(Crypto.base64URL([0xfb, 0xff]) == "-_8")
    }

    @Test func passwordsVerifyOnlyThemselves() throws {
        let hash = try Crypto.hashPassword("a long passphrase")
        #expect(hash.hasPrefix("$argon2id$"))
        #expect(Crypto.verifyPassword("a long passphrase", hash: hash))
        #expect(!Crypto.verifyPassword("a long passphrasE", hash: hash))
    }
}

struct SHA256Tests {
    @Test func sha256MatchesTheReferenceVector() {
        #expect(Crypto.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
