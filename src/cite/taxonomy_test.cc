#include "paperpress/cite/taxonomy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace paperpress {
namespace {

TEST(Taxonomy, NamesKnownCodes) {
  EXPECT_EQ(category_name("cs.CL"), "Computation and Language");
  EXPECT_EQ(category_name("cs.LG"), "Machine Learning");
  EXPECT_EQ(category_name("stat.ML"), "Machine Learning");
  EXPECT_EQ(category_name("math.AG"), "Algebraic Geometry");
  EXPECT_EQ(category_name("hep-th"), "High Energy Physics - Theory");
  EXPECT_EQ(category_name("gr-qc"), "General Relativity and Quantum Cosmology");
  EXPECT_EQ(category_name("quant-ph"), "Quantum Physics");
  EXPECT_EQ(category_name("math-ph"), "Mathematical Physics");
  EXPECT_EQ(category_name("cond-mat.mes-hall"), "Mesoscale and Nanoscale Physics");
  EXPECT_EQ(category_name("astro-ph.CO"), "Cosmology and Nongalactic Astrophysics");
  EXPECT_EQ(category_name("physics.data-an"), "Data Analysis, Statistics and Probability");
  EXPECT_EQ(category_name("q-bio.NC"), "Neurons and Cognition");
  EXPECT_EQ(category_name("q-fin.TR"), "Trading and Market Microstructure");
  EXPECT_EQ(category_name("econ.EM"), "Econometrics");
  EXPECT_EQ(category_name("eess.AS"), "Audio and Speech Processing");
  EXPECT_EQ(category_name("nlin.CD"), "Chaotic Dynamics");
  EXPECT_EQ(category_name("nucl-th"), "Nuclear Theory");
}

TEST(Taxonomy, NamesWholeArchivesAndOldArchives) {
  EXPECT_EQ(category_name("cs"), "Computer Science");
  EXPECT_EQ(category_name("math"), "Mathematics");
  EXPECT_EQ(category_name("astro-ph"), "Astrophysics");  // old papers' primary category
  EXPECT_EQ(category_name("cond-mat"), "Condensed Matter");
  EXPECT_EQ(category_name("physics"), "Physics");
  EXPECT_EQ(category_name("alg-geom"), "Algebraic Geometry");  // subsumed into math.AG
  EXPECT_EQ(category_name("cmp-lg"), "Computation and Language");
}

TEST(Taxonomy, UnknownCodesHaveNoName) {
  EXPECT_EQ(category_name(""), "");
  EXPECT_EQ(category_name("cs.XX"), "");
  EXPECT_EQ(category_name("cs.cl"), "");  // codes are case-sensitive
  EXPECT_EQ(category_name("cs.CL "), "");
  EXPECT_EQ(category_name("hep"), "");
  EXPECT_EQ(category_name("zzz"), "");
  EXPECT_EQ(category_name("a"), "");
}

TEST(Taxonomy, TableIsSortedWithoutDuplicatesAndEveryCodeIsFound) {
  const auto table = category_names();
  ASSERT_GT(table.size(), 150u);
  for (size_t i = 1; i < table.size(); ++i) {
    EXPECT_LT(table[i - 1].code, table[i].code) << table[i - 1].code << " / " << table[i].code;
  }
  for (const CategoryName& entry : table) {
    EXPECT_FALSE(entry.name.empty()) << entry.code;
    EXPECT_EQ(category_name(entry.code), entry.name);
  }
  // Every current category of the main archives is there.
  for (const char* code :
       {"cs.AI", "cs.AR", "cs.CC", "cs.CE", "cs.CG", "cs.CL", "cs.CR", "cs.CV", "cs.CY", "cs.DB",
        "cs.DC", "cs.DL", "cs.DM", "cs.DS", "cs.ET", "cs.FL", "cs.GL", "cs.GR", "cs.GT", "cs.HC",
        "cs.IR", "cs.IT", "cs.LG", "cs.LO", "cs.MA", "cs.MM", "cs.MS", "cs.NA", "cs.NE", "cs.NI",
        "cs.OH", "cs.OS", "cs.PF", "cs.PL", "cs.RO", "cs.SC", "cs.SD", "cs.SE", "cs.SI", "cs.SY"}) {
    EXPECT_FALSE(category_name(code).empty()) << code;
  }
  const auto count = [&](std::string_view prefix) {
    return std::count_if(table.begin(), table.end(), [&](const CategoryName& e) {
      return e.code.substr(0, prefix.size()) == prefix;
    });
  };
  EXPECT_EQ(count("cs."), 40);
  EXPECT_EQ(count("math."), 32);
  EXPECT_EQ(count("physics."), 22);
  EXPECT_EQ(count("stat."), 6);
  EXPECT_EQ(count("q-bio."), 10);
  EXPECT_EQ(count("q-fin."), 9);
  EXPECT_EQ(count("astro-ph."), 6);
  EXPECT_EQ(count("cond-mat."), 9);
  EXPECT_EQ(count("nlin."), 5);
  EXPECT_EQ(count("econ."), 3);
  EXPECT_EQ(count("eess."), 4);
}

}  // namespace
}  // namespace paperpress
