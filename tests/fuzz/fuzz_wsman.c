/* SPDX-License-Identifier: MIT */
/* tests/fuzz/fuzz_wsman.c: libFuzzer harness for the WS-Man codec's readers, the parsers of what
 * the network sends: the input is read as a response to each operation (typed by a small class,
 * with HTTP 200 and 500), as a class answer (GetClass, EnumerateClasses: CIM-XML classes, each
 * read whole through the MI_ClassFT), and as a request to the server (with its body decoded,
 * typed and untyped); every reply read is written back out. And wsman_scan, the small reader
 * of the usual CreateResponse, must agree with libxml2 on every input it takes (scan_agree.h). */
#include <stddef.h>
#include <stdint.h>

#include "core.h"
#include "fuzz_class.h"
#include "fuzz_decl.h"
#include "scan_agree.h"
#include "wsman.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const wsman_action actions[] = {
        WSMAN_ACTION_IDENTIFY, WSMAN_ACTION_GET,       WSMAN_ACTION_CREATE, WSMAN_ACTION_ENUMERATE,
        WSMAN_ACTION_INVOKE,   WSMAN_ACTION_SUBSCRIBE, WSMAN_ACTION_RENEW,  WSMAN_ACTION_PULL};
    wsman_codec codec = {mic_new_instance_hook, NULL, 1 << 20};
    wsman_read_options opts = {&fz_decl, NULL, MI_FALSE, NULL};
    wsman_response resp;
    wsman_message msg;
    wsman_fault_desc fd;
    wsman_error err;
    wsman_buf b;
    size_t i, k;

    if (!scan_agrees((const char *)data, size))
        __builtin_trap();
    util_buf_init(&b);
    for (i = 0; i < sizeof actions / sizeof actions[0]; i++) {
        wsman_read_response(&codec, actions[i], i & 1 ? 500 : 200, NULL, (const char *)data, size,
                            i & 2 ? &opts : NULL, &resp);
        if (resp.result == MI_RESULT_OK && resp.num_items > 0) {
            wsman_reply rp = {0};
            rp.action = WSMAN_ACTION_PULL;
            rp.items = (const MI_Instance *const *)resp.items;
            rp.num_items = resp.num_items;
            rp.optimized = MI_TRUE;
            wsman_write_reply(&rp, &b, &err);
        }
        if (resp.result == MI_RESULT_OK && resp.identifier && resp.context) {
            /* A subscription read: the requests that follow it, and the server's answer. */
            wsman_request rq = {0};
            wsman_reply rp = {0};
            rq.action = WSMAN_ACTION_UNSUBSCRIBE;
            rq.identifier = resp.identifier;
            rq.resource_uri = resp.manager_uri;
            wsman_write_request(&rq, &b, NULL, &err);
            rp.action = WSMAN_ACTION_SUBSCRIBE;
            rp.identifier = resp.identifier;
            rp.context = resp.context;
            rp.expires = resp.expires;
            wsman_write_reply(&rp, &b, &err);
        }
        wsman_response_free(&resp);
    }
    for (i = 0; i < 2; i++) {
        wsman_class_read names = {"root/cimv2", "host"};
        wsman_read_class_response(&codec, i ? WSMAN_ACTION_PULL : WSMAN_ACTION_GET, 200, NULL,
                                  (const char *)data, size, &names, &resp);
        for (k = 0; k < resp.num_classes; k++)
            fz_walk_class(resp.classes[k]);
        wsman_response_free(&resp);
    }
    if (wsman_read_request(&codec, NULL, (const char *)data, size, &msg, &fd) == MI_RESULT_OK) {
        MI_Instance *inst = NULL;
        if (wsman_message_instance(&codec, &msg, &fz_decl, NULL, &inst, &err) == MI_RESULT_OK)
            MI_Instance_Delete(inst);
        if (wsman_message_instance(&codec, &msg, NULL, NULL, &inst, &err) == MI_RESULT_OK) {
            wsman_reply rp = {0};
            rp.action = WSMAN_ACTION_GET;
            rp.instance = inst;
            wsman_write_reply(&rp, &b, &err);
            MI_Instance_Delete(inst);
        }
    } else {
        wsman_write_fault(&fd, msg.message_id, &b);
    }
    wsman_message_free(&msg);
    util_buf_free(&b);
    return 0;
}
