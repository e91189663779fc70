// The claims as JUnit XML, for CI systems that chart test results: one
// testsuite, one testcase per claim (classname = the level, name = the
// phenomenon).
//
//   CLAIM VIOLATED       -> <failure> whose text is the witness in words
//   not tested, unknown  -> <skipped> saying why
//   claim holds, allowed -> passes; allowed and seen says what was seen in
//                           <system-out>
//
// A run over several targets has one testsuite per target, classname =
// "<target>/<level>", and an <error> testcase for a target that could not
// run. Server version and settings go into each suite's <properties>. Every text and
// attribute is escaped (markup_escape.h), so the document is well-formed
// whatever a server message contains.
#pragma once

#include <string>

#include "checker/claims/verify_report.h"

namespace isocheck {

std::string junit_xml(const VerifyResult& r);
std::string junit_xml(const VerifyReport& report);

}  // namespace isocheck
