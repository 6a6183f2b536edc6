import Testing
@testable import XuejiHTTP

struct RouterTests {
    let router = Router(routes: [
        Route("GET", "/api/v1/schools/{code}") { request in .json(["code": .string(request.parameter("code"))]) },
        Route("POST", "/api/v1/schools/{code}/classes") { _ in .json([:], status: 201) },
        Route("GET", "/boom") { _ in throw TestFailure() },
    ])

    struct TestFailure: Error {}

    @Test func matchesPathParameters() {
        let response = router.respond(to: Request(method: "GET", path: "/api/v1/schools/4101020001"))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"code":"4101020001"}"#)
        #expect(response.route == "/api/v1/schools/{code}")
    }

    @Test func unknownPathIsAProblem404() {
        let response = router.respond(to: Request(method: "GET", path: "/nowhere"))
        #expect(response.status == 404)
        #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true)
    }

    @Test func wrongMethodIs405WithAllow() {
        let response = router.respond(to: Request(method: "DELETE", path: "/api/v1/schools/1"))
        #expect(response.status == 405)
        #expect(response.header("Allow") == "GET, HEAD")
    }

    @Test func headIsAnsweredByGet() {
        #expect(router.respond(to: Request(method: "HEAD", path: "/api/v1/schools/1")).status == 200)
    }

    @Test func anUnknownErrorIsA500ThatRevealsNothing() {
        let response = router.respond(to: Request(method: "GET", path: "/boom"))
        #expect(response.status == 500)
        #expect(!String(decoding: response.body, as: UTF8.self).contains("TestFailure"))
    }

    @Test func problemDetailFollowsAcceptLanguage() {
        let english = router.respond(to: Request(method: "GET", path: "/x", headers: ["accept-language": "en-US,en;q=0.9,zh;q=0.5"]))
        let chinese = router.respond(to: Request(method: "GET", path: "/x", headers: ["accept-language": "zh-CN,en;q=0.5"]))
        let fallback = router.respond(to: Request(method: "GET", path: "/x", headers: ["accept-language": "fr"]))
        #expect(String(decoding: english.body, as: UTF8.self).contains("There is nothing at this address."))
        #expect(String(decoding: chinese.body, as: UTF8.self).contains("请求的地址不存在。"))
        #expect(String(decoding: fallback.body, as: UTF8.self).contains("请求的地址不存在。"))
    }

    @Test func cookiesAndLanguageSwitch() {
        let request = Request(method: "GET", path: "/", headers: ["cookie": "a=1; xueji_lang=en; xueji_session=abc"])
        #expect(request.cookie("xueji_session") == "abc")
        #expect(request.prefersEnglish)
    }
}
