// accordiff: compare successive releases of official documents.
//
//   auto a = accordiff::read_file("old.txt");
//   auto b = accordiff::read_file("new.txt");
//   auto c = accordiff::compare(std::make_shared<const accordiff::document>(*a), …);
//   accordiff::write_json(std::cout, *c);
#pragma once

#include "accordiff/compare.hpp"
#include "accordiff/document.hpp"
#include "accordiff/error.hpp"
#include "accordiff/read.hpp"
#include "accordiff/report.hpp"
#include "accordiff/series.hpp"
#include "accordiff/store.hpp"
#include "accordiff/version.hpp"
