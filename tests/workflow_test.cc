// The GitHub Pages workflows (this repository's and the one `paperpress init` writes): valid
// YAML with the triggers, permissions, concurrency and steps the deployment relies on. YAML is
// read by python3's PyYAML (Debian: python3-yaml); without it these tests are skipped.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace paperpress {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The first Python that has PyYAML: the one on PATH, or Debian's (package python3-yaml).
const std::string& python_with_yaml() {
  static const std::string found = [] {
    for (const char* python : {"python3", "/usr/bin/python3"})
      if (std::system((std::string(python) + " -c 'import yaml' >/dev/null 2>&1").c_str()) == 0)
        return std::string(python);
    return std::string();
  }();
  return found;
}

bool have_pyyaml() {
  return !python_with_yaml().empty();
}

struct Yaml {
  bool ok = false;
  json value;
  std::string error;  // python's message when the file is no valid YAML
};

// The YAML file as JSON, through yaml.safe_load.
Yaml load_yaml(const fs::path& file) {
  std::string command = python_with_yaml() +
                        " -c 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), "
                        "sys.stdout, default=str)' '" +
                        file.string() + "' 2>&1";
  std::string out;
  Yaml yaml;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    yaml.error = "cannot run python3";
    return yaml;
  }
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  if (::pclose(pipe) != 0) {
    yaml.error = out;
    return yaml;
  }
  yaml.value = json::parse(out, nullptr, false);
  yaml.ok = !yaml.value.is_discarded();
  if (!yaml.ok) yaml.error = "unexpected output: " + out;
  return yaml;
}

// Every `uses:` of a job's steps, without the @version.
std::vector<std::string> actions_of(const json& job) {
  std::vector<std::string> uses;
  for (const auto& step : job.value("steps", json::array())) {
    if (!step.contains("uses")) continue;
    std::string action = step["uses"];
    uses.push_back(action.substr(0, action.find('@')));
  }
  return uses;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

void expect_deploy_workflow(const fs::path& file) {
  SCOPED_TRACE(file.string());
  Yaml yaml = load_yaml(file);
  ASSERT_TRUE(yaml.ok) << "not valid YAML: " << yaml.error;
  const json& w = yaml.value;
  ASSERT_TRUE(w.is_object());

  // PyYAML reads the key `on` as the boolean true (YAML 1.1), which JSON writes as "true".
  const json& on = w.contains("on") ? w["on"] : w["true"];
  ASSERT_TRUE(on.is_object()) << w.dump();
  ASSERT_TRUE(on.contains("schedule"));
  ASSERT_TRUE(on["schedule"].is_array());
  ASSERT_FALSE(on["schedule"].empty());
  std::string cron = on["schedule"][0].value("cron", "");
  // Daily: minute and hour fixed, every day of every month, any weekday.
  EXPECT_NE(cron.find(" * * *"), std::string::npos) << cron;
  EXPECT_EQ(cron.find('/'), std::string::npos) << cron;
  EXPECT_TRUE(on.contains("workflow_dispatch"));

  EXPECT_EQ(w["permissions"]["contents"], "read");
  EXPECT_EQ(w["permissions"]["pages"], "write");
  EXPECT_EQ(w["permissions"]["id-token"], "write");
  EXPECT_EQ(w["concurrency"]["group"], "pages");
  EXPECT_EQ(w["concurrency"]["cancel-in-progress"], false);

  const json& jobs = w["jobs"];
  ASSERT_TRUE(jobs.is_object());
  std::vector<std::string> all_actions;
  std::string build_job;
  std::string deploy_job;
  for (const auto& [name, job] : jobs.items()) {
    auto actions = actions_of(job);
    all_actions.insert(all_actions.end(), actions.begin(), actions.end());
    if (contains(actions, "actions/upload-pages-artifact")) build_job = name;
    if (contains(actions, "actions/deploy-pages")) deploy_job = name;
  }
  for (const char* action : {"actions/checkout", "actions/cache", "actions/configure-pages",
                             "actions/upload-pages-artifact", "actions/deploy-pages"})
    EXPECT_TRUE(contains(all_actions, action)) << action;
  ASSERT_FALSE(build_job.empty());
  ASSERT_FALSE(deploy_job.empty());
  EXPECT_NE(build_job, deploy_job);

  // The build job: checkout, then the cache, then the script, then the Pages steps.
  const json& steps = jobs[build_job]["steps"];
  std::vector<std::string> order;
  for (const auto& step : steps) {
    if (step.contains("uses")) {
      std::string action = step["uses"];
      order.push_back(action.substr(0, action.find('@')));
    } else if (step.value("run", "").find("scripts/deploy.sh") != std::string::npos) {
      order.push_back("run scripts/deploy.sh");
    }
  }
  EXPECT_EQ(order,
            (std::vector<std::string>{"actions/checkout", "actions/cache", "run scripts/deploy.sh",
                                      "actions/configure-pages", "actions/upload-pages-artifact"}));
  for (const auto& step : steps) {
    std::string uses = step.value("uses", "");
    if (uses.rfind("actions/cache@", 0) == 0) {
      EXPECT_EQ(step["with"]["path"], "cache");
      std::string key = step["with"]["key"];
      EXPECT_NE(key.find("${{ github.run_id }}"), std::string::npos) << key;
      std::string restore = step["with"]["restore-keys"];
      while (!restore.empty() && (restore.back() == '\n' || restore.back() == ' '))
        restore.pop_back();
      EXPECT_EQ(key.rfind(restore, 0), 0u) << "restore-keys " << restore << " vs key " << key;
      EXPECT_LT(restore.size(), key.size());
    }
    if (uses.rfind("actions/upload-pages-artifact@", 0) == 0)
      EXPECT_EQ(step["with"]["path"], "public");
  }

  // The deploy job waits for the build and deploys into the github-pages environment.
  const json& deploy = jobs[deploy_job];
  json needs = deploy["needs"];
  EXPECT_TRUE(needs == build_job ||
              (needs.is_array() && needs.size() == 1 && needs[0] == build_job))
      << needs.dump();
  const json& environment = deploy["environment"];
  EXPECT_EQ(environment.is_string() ? environment : environment["name"], "github-pages");
}

TEST(Workflow, RepositoryDeployWorkflow) {
  if (!have_pyyaml()) GTEST_SKIP() << "python3 with PyYAML (python3-yaml) is not installed";
  expect_deploy_workflow(fs::path(PAPERPRESS_SOURCE_DIR) / ".github/workflows/deploy.yml");
}

TEST(Workflow, ScaffoldDeployWorkflow) {
  if (!have_pyyaml()) GTEST_SKIP() << "python3 with PyYAML (python3-yaml) is not installed";
  expect_deploy_workflow(fs::path(PAPERPRESS_SOURCE_DIR) / "scaffold/.github/workflows/deploy.yml");
}

TEST(Workflow, BrokenYamlIsCaught) {
  if (!have_pyyaml()) GTEST_SKIP() << "python3 with PyYAML (python3-yaml) is not installed";
  testing::TempDir dir;
  testing::write_text(dir / "bad.yml", "on:\n  schedule:\n    - cron: \"0 3 * * *\n  push:\n");
  Yaml yaml = load_yaml(dir / "bad.yml");
  EXPECT_FALSE(yaml.ok);
  EXPECT_NE(yaml.error.find("bad.yml"), std::string::npos) << yaml.error;
}

}  // namespace
}  // namespace paperpress
