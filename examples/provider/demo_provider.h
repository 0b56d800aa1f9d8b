/* SPDX-License-Identifier: MIT */
/* examples/provider/demo_provider.h: what the demo provider's classes share: Demo_FooDependency
 * checks that the things it links exist in Win32_Foo's store. */
#ifndef DEMO_PROVIDER_H
#define DEMO_PROVIDER_H

#include "Win32_Foo_Provider.h"

/* 1 when a Win32_Foo with this InstanceID is in the store. */
int demo_foo_exists(const MI_Char *id);

#endif
