// The claims as JUnit XML, for CI systems that chart test results: one
// testsuite, one testcase per claim (classname = the level, name = the
// phenomenon).
//
//   CLAIM VIOLATED       -> <failure> whose text is the witness in words
//   not tested, unknown  -> <skipped> saying why
//   claim holds, allowed -> passes; allowed and seen says what was seen in
//                           <system-out>
//
// Server version and settings go into <properties>. Every text and
// attribute is escaped (markup_escape.h), so the document is well-formed
// whatever a server message contains.
#pragma once

#include <string>

#include "checker/claims/verify_result.h"

namespace isocheck {

std::string junit_xml(const VerifyResult& r);

}  // namespace isocheck
