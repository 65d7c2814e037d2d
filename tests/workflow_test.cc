// The GitHub Actions workflows: the GitHub Pages deploy (this repository's and the one
// `paperpress init` writes), CI and the release, valid YAML with the triggers, permissions,
// concurrency and steps they rely on. YAML is read by python3's PyYAML (Debian: python3-yaml);
// without it these tests are skipped.
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

// A step's label for the order checks: "actions/cache <path>" for a cache, the action without
// its @version, or "run <script>" for a run step naming one of `scripts`; "" for anything else.
std::string step_label(const json& step, const std::vector<std::string>& scripts) {
  if (step.contains("uses")) {
    std::string action = step["uses"];
    action = action.substr(0, action.find('@'));
    if (action == "actions/cache") return action + " " + step["with"].value("path", "");
    return action;
  }
  std::string run = step.value("run", "");
  for (const auto& script : scripts)
    if (run.find(script) != std::string::npos) return "run " + script;
  return "";
}

std::vector<std::string> step_labels(const json& job, const std::vector<std::string>& scripts) {
  std::vector<std::string> order;
  for (const auto& step : job.value("steps", json::array())) {
    std::string label = step_label(step, scripts);
    if (!label.empty()) order.push_back(label);
  }
  return order;
}

// The `on:` of a workflow (PyYAML reads the key `on` as the boolean true, which JSON writes as
// "true").
const json& triggers(const json& w) {
  return w.contains("on") ? w["on"] : w["true"];
}

const json* step_running(const json& job, const std::string& script) {
  if (!job.contains("steps") || !job["steps"].is_array()) return nullptr;
  for (const auto& step : job["steps"])
    if (step.value("run", "").find(script) != std::string::npos) return &step;
  return nullptr;
}

void expect_deploy_workflow(const fs::path& file, const std::vector<std::string>& build_steps) {
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

  // The build job: checkout, then the caches, then the script, then the Pages steps.
  const json& steps = jobs[build_job]["steps"];
  EXPECT_EQ(step_labels(jobs[build_job], {"scripts/deploy.sh"}), build_steps);
  for (const auto& step : steps) {
    std::string uses = step.value("uses", "");
    if (uses.rfind("actions/cache@", 0) == 0 && step["with"]["path"] == "cache") {
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
  expect_deploy_workflow(fs::path(PAPERPRESS_SOURCE_DIR) / ".github/workflows/deploy.yml",
                         {"actions/checkout", "actions/cache cache", "run scripts/deploy.sh",
                          "actions/configure-pages", "actions/upload-pages-artifact"});
}

TEST(Workflow, ScaffoldDeployWorkflow) {
  if (!have_pyyaml()) GTEST_SKIP() << "python3 with PyYAML (python3-yaml) is not installed";
  expect_deploy_workflow(
      fs::path(PAPERPRESS_SOURCE_DIR) / "scaffold/.github/workflows/deploy.yml",
      {"actions/checkout", "actions/cache .paperpress/release", "actions/cache .paperpress/source",
       "actions/cache cache", "run scripts/deploy.sh", "actions/configure-pages",
       "actions/upload-pages-artifact"});
}

// The scaffold's workflow installs paperpress from the release address in the repository
// variable PAPERPRESS_RELEASES, with the same default as scripts/deploy.sh, and caches what it
// installs under keys that change with scripts/deploy.sh (which pins the version).
TEST(Workflow, ScaffoldInstallsAReleaseAndCachesIt) {
  if (!have_pyyaml()) GTEST_SKIP() << "python3 with PyYAML (python3-yaml) is not installed";
  fs::path root = fs::path(PAPERPRESS_SOURCE_DIR) / "scaffold";
  Yaml yaml = load_yaml(root / ".github/workflows/deploy.yml");
  ASSERT_TRUE(yaml.ok) << yaml.error;
  const json& job = yaml.value["jobs"]["build"];
  std::string releases = job["env"].value("PAPERPRESS_RELEASES", "");
  const std::string variable = "${{ vars.PAPERPRESS_RELEASES || '";
  ASSERT_EQ(releases.rfind(variable, 0), 0u) << releases;
  std::string fallback = releases.substr(variable.size());
  ASSERT_GE(fallback.size(), 4u);
  fallback = fallback.substr(0, fallback.find('\''));
  EXPECT_EQ(fallback.rfind("https://", 0), 0u) << fallback;
  std::string script = testing::read_text(root / "scripts/deploy.sh");
  EXPECT_NE(script.find("PAPERPRESS_RELEASES=${PAPERPRESS_RELEASES:-" + fallback + "}"),
            std::string::npos)
      << "scripts/deploy.sh's default differs from the workflow's " << fallback;

  int caches = 0;
  for (const auto& step : job["steps"]) {
    if (step.value("uses", "").rfind("actions/cache@", 0) != 0) continue;
    std::string path = step["with"]["path"];
    if (path.rfind(".paperpress/", 0) != 0) continue;
    ++caches;
    std::string key = step["with"]["key"];
    EXPECT_NE(key.find("${{ hashFiles('scripts/deploy.sh') }}"), std::string::npos) << key;
  }
  EXPECT_EQ(caches, 2);
  const json* deploy = step_running(job, "scripts/deploy.sh");
  ASSERT_NE(deploy, nullptr);
  std::string gitignore = testing::read_text(root / ".gitignore");
  EXPECT_NE(gitignore.find("\n.paperpress/\n"), std::string::npos) << gitignore;
}

// CI: every push and pull request runs the README's test command on Debian 12.
TEST(Workflow, CiRunsTheReadmeTestCommand) {
  if (!have_pyyaml()) GTEST_SKIP() << "python3 with PyYAML (python3-yaml) is not installed";
  Yaml yaml = load_yaml(fs::path(PAPERPRESS_SOURCE_DIR) / ".github/workflows/ci.yml");
  ASSERT_TRUE(yaml.ok) << "not valid YAML: " << yaml.error;
  const json& w = yaml.value;
  const json& on = triggers(w);
  ASSERT_TRUE(on.is_object()) << w.dump();
  EXPECT_TRUE(on.contains("push"));
  EXPECT_TRUE(on.contains("pull_request"));
  EXPECT_EQ(w["permissions"]["contents"], "read");
  ASSERT_TRUE(w["jobs"].is_object());
  ASSERT_EQ(w["jobs"].size(), 1u);
  const json& job = w["jobs"].begin().value();
  EXPECT_EQ(job["container"], "debian:12");
  EXPECT_EQ(step_labels(job, {"scripts/test.sh"}),
            (std::vector<std::string>{"actions/checkout", "run scripts/test.sh"}));
  const json* test = step_running(job, "scripts/test.sh");
  ASSERT_NE(test, nullptr);
  std::string command = (*test)["run"];
  while (!command.empty() && command.back() == '\n') command.pop_back();
  std::string readme = testing::read_text(fs::path(PAPERPRESS_SOURCE_DIR) / "README.md");
  EXPECT_NE(readme.find("\n" + command + " "), std::string::npos)
      << "README.md does not show the test command " << command;
}

// A release: on a version tag, the suite, then the package (checked against the tag), then the
// files attached to the release.
TEST(Workflow, ReleaseTestsPackagesAndPublishes) {
  if (!have_pyyaml()) GTEST_SKIP() << "python3 with PyYAML (python3-yaml) is not installed";
  Yaml yaml = load_yaml(fs::path(PAPERPRESS_SOURCE_DIR) / ".github/workflows/release.yml");
  ASSERT_TRUE(yaml.ok) << "not valid YAML: " << yaml.error;
  const json& w = yaml.value;
  const json& on = triggers(w);
  ASSERT_TRUE(on.is_object()) << w.dump();
  EXPECT_EQ(on.size(), 1u) << on.dump();
  EXPECT_EQ(on["push"]["tags"], json::array({"v*"}));
  EXPECT_FALSE(on["push"].contains("branches"));
  EXPECT_EQ(w["permissions"]["contents"], "write");
  ASSERT_EQ(w["jobs"].size(), 1u);
  const json& job = w["jobs"].begin().value();
  EXPECT_EQ(job["container"], "debian:12");
  EXPECT_EQ(step_labels(job, {"scripts/test.sh", "scripts/package.sh"}),
            (std::vector<std::string>{"actions/checkout", "run scripts/test.sh",
                                      "run scripts/package.sh", "softprops/action-gh-release"}));
  const json* package_step = step_running(job, "scripts/package.sh");
  ASSERT_NE(package_step, nullptr);
  std::string package = (*package_step)["run"];
  EXPECT_NE(package.find("--tag \"$GITHUB_REF_NAME\""), std::string::npos) << package;
  EXPECT_NE(package.find("--out dist"), std::string::npos) << package;
  for (const auto& step : job["steps"]) {
    if (step.value("uses", "").rfind("softprops/action-gh-release@", 0) != 0) continue;
    std::string files = step["with"]["files"];
    for (const char* file : {"dist/*.deb", "dist/*.tar.gz", "dist/SHA256SUMS"})
      EXPECT_NE(files.find(file), std::string::npos) << files;
    EXPECT_EQ(step["with"]["fail_on_unmatched_files"], true);
  }
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
