// libsodium for Swift. Some sizes are macros Swift imports poorly; they are exposed as functions.
#ifndef XUEJI_CSODIUM_SHIM_H
#define XUEJI_CSODIUM_SHIM_H
#include <sodium.h>

static inline size_t xj_pwhash_strbytes(void) { return crypto_pwhash_STRBYTES; }
static inline unsigned long long xj_pwhash_opslimit_interactive(void) { return crypto_pwhash_OPSLIMIT_INTERACTIVE; }
static inline size_t xj_pwhash_memlimit_interactive(void) { return crypto_pwhash_MEMLIMIT_INTERACTIVE; }
#endif
