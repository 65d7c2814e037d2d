#include "view_schemas.h"

#include "paper_view.h"
#include "paperpress/render/template.h"
#include "paperpress/render/views.h"

namespace paperpress {

namespace {

constexpr std::string_view kPageKeys[] = {PAPERPRESS_PAGE_KEYS(PAPERPRESS_KEY_NAME)};
constexpr std::string_view kSiteKeys[] = {PAPERPRESS_SITE_KEYS(PAPERPRESS_KEY_NAME)};
constexpr std::string_view kSiteTopicKeys[] = {PAPERPRESS_SITE_TOPIC_KEYS(PAPERPRESS_KEY_NAME)};
constexpr std::string_view kTopicKeys[] = {PAPERPRESS_TOPIC_KEYS(PAPERPRESS_KEY_NAME)};
constexpr std::string_view kCrumbKeys[] = {PAPERPRESS_CRUMB_KEYS(PAPERPRESS_KEY_NAME)};
constexpr std::string_view kItemKeys[] = {PAPERPRESS_ITEM_KEYS(PAPERPRESS_KEY_NAME)};
constexpr std::string_view kFeedKeys[] = {PAPERPRESS_FEED_KEYS(PAPERPRESS_KEY_NAME)};
constexpr std::string_view kEntryKeys[] = {PAPERPRESS_ENTRY_KEYS(PAPERPRESS_KEY_NAME)};

}  // namespace

const Schema& page_schema() {
  static const Schema schema(kPageKeys);
  return schema;
}
const Schema& site_schema() {
  static const Schema schema(kSiteKeys);
  return schema;
}
const Schema& site_topic_schema() {
  static const Schema schema(kSiteTopicKeys);
  return schema;
}
const Schema& topic_schema() {
  static const Schema schema(kTopicKeys);
  return schema;
}
const Schema& crumb_schema() {
  static const Schema schema(kCrumbKeys);
  return schema;
}
const Schema& item_schema() {
  static const Schema schema(kItemKeys);
  return schema;
}

const Schema& feed_schema() {
  static const Schema schema(kFeedKeys);
  return schema;
}
const Schema& entry_schema() {
  static const Schema schema(kEntryKeys);
  return schema;
}

// The ones rendered most first: a bound template compares a record's schema with each in turn.
std::span<const Schema* const> view_schemas() {
  static const Schema* const kSchemas[] = {
      &paper_schema(), &named_schema(), &page_schema(),       &crumb_schema(), &item_schema(),
      &topic_schema(), &site_schema(),  &site_topic_schema(), &entry_schema(), &feed_schema()};
  static_assert(std::size(kSchemas) <= Template::kMaxBound, "a template binds kMaxBound schemas");
  return kSchemas;
}

}  // namespace paperpress
