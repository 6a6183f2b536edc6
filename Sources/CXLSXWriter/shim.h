// libxlsxwriter (Debian libxlsxwriter-dev) for Swift: exports and the import template as real
// Excel files, written row by row in constant-memory mode.
#ifndef XUEJI_CXLSXWRITER_SHIM_H
#define XUEJI_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
