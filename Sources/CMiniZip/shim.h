// minizip (Debian libminizip-dev) for Swift: reading XLSX files, which are zip archives of XML.
#ifndef XUEJI_CMINIZIP_SHIM_H
#define XUEJI_CMINIZIP_SHIM_H
#include <minizip/unzip.h>
#endif
