// RUN: %clang_ffipin -O0 %S/Inputs/pin_outlived_global.c -o %t
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %env_ffipin_opts=log_path=%t.dir/report sh -c 'trap "" XFSZ; ulimit -f 0; %run %t; echo "exit code $?"' 2>&1 | FileCheck %s

// Intent: when the log file cannot be written (here: a file-size limit of 0,
// as on a full disk), the report is not lost: it goes to stderr after an
// error naming the file and the reason. (stderr is a pipe here: the limit
// applies only to files.)

// The program: Inputs/pin_outlived_global.c (one pin-outlived report).

// CHECK: {{^==[0-9]+==ERROR: FFIPinSanitizer: can't write to log file '.*\.tmp\.dir/report\.[0-9]+' \(errno 27, EFBIG\); writing reports to stderr$}}
// CHECK-NEXT: =================================================================
// CHECK-NEXT: ERROR: FFIPinSanitizer: pin-outlived on address
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived
// CHECK-NEXT: {{^==[0-9]+==ABORTING$}}
// CHECK-NEXT: exit code 1
