// Router: static beats :param beats *rest segment by segment, 404 vs 405 + Allow, HEAD via GET.
#include "check.h"
#include "engine/router.h"

using namespace sluice;

namespace {

Router build() {
  Router r;
  std::string why;
  r.add(0, {"GET"}, "/people/:id", &why);
  r.add(1, {"GET"}, "/people/me", &why);
  r.add(2, {"POST", "PUT"}, "/people/:id", &why);
  r.add(3, {}, "/files/*path", &why);
  r.add(4, {"GET"}, "/people/:id/friends/:fid", &why);
  r.add(5, {"HEAD"}, "/head-only", &why);
  r.add(6, {"GET"}, "/", &why);
  return r;
}

}  // namespace

TEST(staticSegmentsBeatParameters) {
  Router r = build();
  RouteMatch m;
  r.match("GET", "/people/me", &m);
  CHECK(m.kind == RouteMatch::Kind::Found);
  CHECK_EQ(m.routeIndex, 1);
  r.match("GET", "/people/42", &m);
  CHECK_EQ(m.routeIndex, 0);
  CHECK_EQ(m.params.size(), 1u);
  CHECK_EQ(m.params[0].name, "id");
  CHECK_EQ(m.params[0].value, "42");
}

TEST(methodChoosesAmongRoutesOfTheSamePath) {
  Router r = build();
  RouteMatch m;
  r.match("PUT", "/people/42", &m);
  CHECK_EQ(m.routeIndex, 2);
  // "/people/me" has only GET statically; PUT falls through to the :id route.
  r.match("PUT", "/people/me", &m);
  CHECK_EQ(m.routeIndex, 2);
}

TEST(restCapturesTheRemainderAfterItsSlashPossiblyEmpty) {
  Router r = build();
  RouteMatch m;
  r.match("DELETE", "/files/a/b/c.txt", &m);
  CHECK_EQ(m.routeIndex, 3);
  CHECK_EQ(m.params[0].name, "path");
  CHECK_EQ(m.params[0].value, "a/b/c.txt");
  r.match("GET", "/files/", &m);
  CHECK_EQ(m.routeIndex, 3);
  CHECK_EQ(m.params[0].value, "");
  // The rest needs its slash, as in src/routes/match.ts: "/files" is not under "/files/*path".
  r.match("GET", "/files", &m);
  CHECK(m.kind == RouteMatch::Kind::NotFound);
}

TEST(multipleParametersAreCapturedInOrder) {
  Router r = build();
  RouteMatch m;
  r.match("GET", "/people/1/friends/2", &m);
  CHECK_EQ(m.routeIndex, 4);
  CHECK_EQ(m.params.size(), 2u);
  CHECK_EQ(m.params[1].value, "2");
}

TEST(notFoundVersusMethodNotAllowed) {
  Router r = build();
  RouteMatch m;
  r.match("GET", "/nothing", &m);
  CHECK(m.kind == RouteMatch::Kind::NotFound);
  r.match("GET", "/people/1/friends", &m);
  CHECK(m.kind == RouteMatch::Kind::NotFound);
  r.match("DELETE", "/people/42", &m);
  CHECK(m.kind == RouteMatch::Kind::MethodNotAllowed);
  CHECK_EQ(m.allow, "GET, HEAD, POST, PUT");
}

TEST(getAnswersHeadUnlessAHeadRouteExists) {
  Router r = build();
  RouteMatch m;
  r.match("HEAD", "/people/7", &m);
  CHECK_EQ(m.routeIndex, 0);
  r.match("HEAD", "/head-only", &m);
  CHECK_EQ(m.routeIndex, 5);
  r.match("GET", "/head-only", &m);
  CHECK(m.kind == RouteMatch::Kind::MethodNotAllowed);
  r.match("GET", "/", &m);
  CHECK_EQ(m.routeIndex, 6);
}

TEST(rejectsRestThatIsNotLast) {
  Router r;
  std::string why;
  CHECK(!r.add(0, {}, "/a/*rest/b", &why));
  CHECK(!r.add(0, {}, "no-slash", &why));
}

int main() { return sluice_test::runAll(); }
