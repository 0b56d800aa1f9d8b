# SPDX-License-Identifier: MIT
# runtime/local.mk: the run-time libraries, lowest layer first. Each library compiles with only
# the include paths it may use, so a layering breach fails to build:
#   runtime/include/mofbind/  the public headers (mi.h), as installed; they include nothing of ours
#   runtime/util/             libutil: helpers every layer shares (the generator's too)
#   runtime/core/             libcore: instances and values (MI_Instance, MI_Value copies)
#   runtime/wsman/            libwsman: the WS-Man codec, shared by the client and the server
#   runtime/client/           libmofbind: the MI client API (application, sessions, operations,
#                             options, the libcurl transport)
# The runtime knows no MOF: it never sees generator/.

pkginclude_HEADERS += runtime/include/mofbind/mi.h
MI_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/runtime/include

include runtime/util/local.mk
include runtime/core/local.mk
include runtime/wsman/local.mk
include runtime/client/local.mk
