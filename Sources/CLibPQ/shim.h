// libpq for Swift. No variadic calls are used, so this only includes the header.
#ifndef XUEJI_CLIBPQ_SHIM_H
#define XUEJI_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
