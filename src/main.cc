#include "paperpress/cli/app.h"

int main(int argc, char** argv) {
  return paperpress::run_cli(argc, argv);
}
