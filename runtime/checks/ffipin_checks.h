/* Every bug decision, in one layer: each function looks at the model (held
 * slots, pins, heaps, scopes) and decides whether an event is a bug, then
 * files the report. The entry points (interface, pass callbacks,
 * interceptors, language bindings) call only these to judge; pc/bp are the
 * caller of the exported entry point, for the stack of the event. */
#ifndef FFIPIN_CHECKS_H
#define FFIPIN_CHECKS_H

#include "checks/ffipin_check_copy.h"
#include "checks/ffipin_check_leaks.h"
#include "checks/ffipin_check_lend.h"
#include "checks/ffipin_check_misuse.h"
#include "checks/ffipin_check_scope.h"
#include "checks/ffipin_check_store.h"
#include "checks/ffipin_check_unseen.h"

#endif
