#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/inventory-provider.sh: tests/inventory.sh with Inv_Host served by the provider module
# built here (INVENTORY_PROVIDER_MODULE, from Makefile.am: libinvprovider.so).
module=${INVENTORY_PROVIDER_MODULE:-./.libs/libinvprovider.so}
if [ ! -f "$module" ]; then
    echo "FAIL: the provider module $module was not built"
    exit 1
fi
INVENTORY_PROVIDER=$module
export INVENTORY_PROVIDER
exec sh "${srcdir:-.}/tests/inventory.sh"
