/// Common Chinese surnames and given-name characters, weighted roughly as they occur, for plausible
/// synthetic names. No real person is described.
enum DemoNames {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").map(String.init)
    static let boys = Array("浩宇轩子涵博文杰俊豪天明辰泽睿航铭鑫磊晨阳一诚嘉伟强毅峰瑞思远翔凯鹏").map(String.init)
    static let girls = Array("欣怡梓涵雨萱诗琪思佳语嫣可馨悦彤晨曦子琳静雅婷梦瑶紫月若安心慧丽娜").map(String.init)

    static func name(sex: String, using random: inout SeededRandom) -> String {
        let pool = sex == "1" ? boys : girls
        let given = random.chance(0.8) ? random.pick(pool) + random.pick(pool) : random.pick(pool)
        return random.pick(surnames) + given
    }
}
