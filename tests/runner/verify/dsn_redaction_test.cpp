#include "runner/verify/dsn_redaction.h"

#include <gtest/gtest.h>

namespace isocheck::runner {
namespace {

TEST(RedactDsn, DropsThePasswordOfKeyValueStrings) {
  std::string r = redact_dsn("host=db.example port=5433 user=nightly password=s3cret dbname=app");
  EXPECT_EQ(r.find("s3cret"), std::string::npos);
  EXPECT_EQ(r.find("password"), std::string::npos);
  EXPECT_NE(r.find("host='db.example'"), std::string::npos);
  EXPECT_NE(r.find("port='5433'"), std::string::npos);
  EXPECT_NE(r.find("user='nightly'"), std::string::npos);
}

TEST(RedactDsn, DropsThePasswordOfUris) {
  std::string r = redact_dsn("postgresql://nightly:s3cret@db.example:5433/app?sslmode=disable");
  EXPECT_EQ(r.find("s3cret"), std::string::npos);
  EXPECT_NE(r.find("dbname='app'"), std::string::npos);
  EXPECT_NE(r.find("sslmode='disable'"), std::string::npos);
}

TEST(RedactDsn, NeverEchoesWhatItCannotParse) {
  EXPECT_EQ(redact_dsn("host=x password='unterminated"), "(unparsable DSN)");
}

}  // namespace
}  // namespace isocheck::runner
