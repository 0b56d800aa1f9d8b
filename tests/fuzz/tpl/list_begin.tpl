static const $type$ *const $id$[] = {
