// libsodium for Swift. Some sizes are macros Swift imports poorly; they are exposed as functions.
#ifndef XUEJI_CSODIUM_SHIM_H
#define XUEJI_CSODIUM_SHIM_H
#include <sodium.h>

static inline size_t xj_pwhash_strbytes(void) { return crypto_pwhash_STRBYTES; }
static inline unsigned long long xj_pwhash_opslimit_interactive(void) { return crypto_pwhash_OPSLIMIT_INTERACTIVE; }
static inline size_t xj_pwhash_memlimit_interactive(void) { return crypto_pwhash_MEMLIMIT_INTERACTIVE; }
/// URL-safe base64 without padding (sodium_base64_VARIANT_URLSAFE_NO_PADDING); `out` holds at least
/// sodium_base64_ENCODED_LEN(len, variant) bytes, which `xj_base64url_length` gives.
static inline size_t xj_base64url_length(size_t len) { return sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING); }
static inline char *xj_base64url(char *out, size_t out_len, const unsigned char *bin, size_t bin_len) {
    return sodium_bin2base64(out, out_len, bin, bin_len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}
#endif
