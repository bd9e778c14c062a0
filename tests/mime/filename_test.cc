// sanitize_filename against hostile names.
#include "core/strings.h"
#include "mime/parser.h"
#include "support/test_support.h"

namespace mailsift::mime {
namespace {

using namespace std::string_literals;

TEST(SanitizeFilename, OrdinaryNamesAreUnchanged) {
  EXPECT_EQ(sanitize_filename("report.pdf"), "report.pdf");
  EXPECT_EQ(sanitize_filename("Résumé 2025 (final).docx"), "Résumé 2025 (final).docx");
  EXPECT_EQ(sanitize_filename("архив.tar.gz"), "архив.tar.gz");
}

TEST(SanitizeFilename, PathTraversalIsRemoved) {
  EXPECT_EQ(sanitize_filename("../../etc/passwd"), "etc_passwd");
  EXPECT_EQ(sanitize_filename("a\\b.exe"), "a_b.exe");
  EXPECT_EQ(sanitize_filename("/absolute/path.txt"), "absolute_path.txt");
  EXPECT_EQ(sanitize_filename("C:\\Users\\bob\\report.pdf"), "C__Users_bob_report.pdf");
  EXPECT_EQ(sanitize_filename(".."), "attachment");
  EXPECT_EQ(sanitize_filename("."), "attachment");
  EXPECT_EQ(sanitize_filename("a..b...txt"), "a.b.txt");
  EXPECT_EQ(sanitize_filename("../"), "attachment");
}

TEST(SanitizeFilename, ReservedAndControlCharacters) {
  EXPECT_EQ(sanitize_filename("what?<is>:this*|\".txt"), "what__is__this___.txt");
  EXPECT_EQ(sanitize_filename("tab\there\nnew\x01line\x7F.txt"), "tabherenewline.txt");
  // A right-to-left override used to disguise "exe.pdf" as "fdp.exe".
  EXPECT_EQ(sanitize_filename("invoice\xE2\x80\xAE"
                              "fdp.exe"),
            "invoicefdp.exe");
  EXPECT_EQ(sanitize_filename("nul\0byte.txt"s), "nulbyte.txt");
}

TEST(SanitizeFilename, LeadingAndTrailingDotsAndSpaces) {
  EXPECT_EQ(sanitize_filename(" .hidden"), "hidden");
  EXPECT_EQ(sanitize_filename("name. . "), "name");
  EXPECT_EQ(sanitize_filename("  spaced name.txt  "), "spaced name.txt");
}

TEST(SanitizeFilename, WindowsDeviceNames) {
  EXPECT_EQ(sanitize_filename("CON.txt"), "_CON.txt");
  EXPECT_EQ(sanitize_filename("con"), "_con");
  EXPECT_EQ(sanitize_filename("Lpt1.log"), "_Lpt1.log");
  EXPECT_EQ(sanitize_filename("COM9"), "_COM9");
  EXPECT_EQ(sanitize_filename("aux.tar.gz"), "_aux.tar.gz");
  EXPECT_EQ(sanitize_filename("console.txt"), "console.txt");
  EXPECT_EQ(sanitize_filename("COM10.txt"), "COM10.txt");
}

TEST(SanitizeFilename, LongNamesAreCutOnACharacterBoundaryKeepingTheExtension) {
  std::string name = std::string(300, 'a') + ".pdf";
  std::string out = sanitize_filename(name);
  EXPECT_EQ(out.size(), 200u);
  EXPECT_TRUE(out.ends_with(".pdf"));
  std::string wide;
  for (int i = 0; i < 150; ++i) wide += "é";  // 2 bytes each
  out = sanitize_filename(wide + ".txt");
  EXPECT_LE(out.size(), 200u);
  EXPECT_TRUE(is_valid_utf8(out));
  EXPECT_TRUE(out.ends_with(".txt"));
  out = sanitize_filename(std::string(300, 'b'));
  EXPECT_EQ(out, std::string(200, 'b'));
}

TEST(SanitizeFilename, NeverEmpty) {
  EXPECT_EQ(sanitize_filename(""), "attachment");
  EXPECT_EQ(sanitize_filename("   "), "attachment");
  EXPECT_EQ(sanitize_filename("///"), "attachment");
  EXPECT_EQ(sanitize_filename("", "part-2.bin"), "part-2.bin");
  EXPECT_EQ(sanitize_filename("", "../.."), "attachment");
  EXPECT_EQ(sanitize_filename("\xFF\xFE"), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace mailsift::mime
