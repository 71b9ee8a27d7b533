"""Dictionaries of the domain: organisation-name suffixes, known bodies, abbreviations,
titles of office, stop words. Rules elsewhere are written against these lists, so
extending coverage means adding words here, not writing new code.
"""

from __future__ import annotations

# (suffix, kind, college level). The LONGEST suffix that ends a name decides its
# kind: 中科睿海智能技术研究院有限公司 is an Enterprise, not a ResearchInstitute.
ORG_SUFFIXES: tuple[tuple[str, str, str | None], ...] = (
    # enterprises
    ("股份有限公司", "Enterprise", None),
    ("有限责任公司", "Enterprise", None),
    ("集团有限公司", "Enterprise", None),
    ("有限公司", "Enterprise", None),
    ("集团公司", "Enterprise", None),
    ("总公司", "Enterprise", None),
    ("分公司", "Enterprise", None),
    ("公司", "Enterprise", None),
    ("集团", "Enterprise", None),
    ("股份", "Enterprise", None),
    ("银行", "Enterprise", None),
    ("工厂", "Enterprise", None),
    ("制造厂", "Enterprise", None),
    ("事务所", "Enterprise", None),
    # colleges
    ("职业技术大学", "College", "higher_vocational"),
    ("职业大学", "College", "higher_vocational"),
    ("职业技术学院", "College", "higher_vocational"),
    ("职业学院", "College", "higher_vocational"),
    ("高等专科学校", "College", "higher_vocational"),
    ("专科学校", "College", "higher_vocational"),
    ("技师学院", "College", "technician"),
    ("技工学校", "College", "technician"),
    ("技工学院", "College", "technician"),
    ("高级技工学校", "College", "technician"),
    ("职教中心", "College", "secondary_vocational"),
    ("职业教育中心", "College", "secondary_vocational"),
    ("职业教育中心学校", "College", "secondary_vocational"),
    ("中等职业学校", "College", "secondary_vocational"),
    ("中等专业学校", "College", "secondary_vocational"),
    ("职业中等专业学校", "College", "secondary_vocational"),
    ("职业高级中学", "College", "secondary_vocational"),
    ("职业中专", "College", "secondary_vocational"),
    ("职业学校", "College", "secondary_vocational"),
    ("大学", "College", "undergraduate"),
    ("学院", "College", "undergraduate"),
    ("幼儿园", "College", "other"),
    ("小学", "College", "other"),
    ("中学", "College", "other"),
    ("党校", "College", "other"),
    # research
    ("研究院", "ResearchInstitute", None),
    ("研究所", "ResearchInstitute", None),
    ("科学院", "ResearchInstitute", None),
    ("工程院", "ResearchInstitute", None),
    ("分院", "ResearchInstitute", None),
    ("设计院", "ResearchInstitute", None),
    ("实验室", "ResearchInstitute", None),
    ("计算中心", "ResearchInstitute", None),
    ("研究中心", "ResearchInstitute", None),
    ("研发中心", "ResearchInstitute", None),
    # associations
    ("企业家协会", "Association", None),
    ("协会", "Association", None),
    ("联合会", "Association", None),
    ("商会", "Association", None),
    ("学会", "Association", None),
    ("促进会", "Association", None),
    ("基金会", "Association", None),
    ("企联", "Association", None),
    ("研究会", "Association", None),
    ("工商联", "Association", None),
    ("总工会", "Association", None),
    ("科协", "Association", None),
    ("侨联", "Association", None),
    ("策进会", "Association", None),
    ("协进会", "Association", None),
    ("发展中心", "Government", None),
    ("中心", "OtherOrganization", None),
    ("司", "Government", None),
    # government
    ("人民政府", "Government", None),
    ("政府", "Government", None),
    ("管理委员会", "Government", None),
    ("管委会", "Government", None),
    ("委员会", "Government", None),
    ("办公厅", "Government", None),
    ("办公室", "Government", None),
    ("网信办", "Government", None),
    ("教育局", "Government", None),
    ("局", "Government", None),
    ("厅", "Government", None),
    ("署", "Government", None),
    ("部", "Government", None),
    ("发改委", "Government", None),
    ("国资委", "Government", None),
    ("工信委", "Government", None),
    ("经信委", "Government", None),
    ("教委", "Government", None),
    ("科委", "Government", None),
    ("市委", "Government", None),
    ("省委", "Government", None),
    ("区委", "Government", None),
    ("县委", "Government", None),
    ("州委", "Government", None),
    ("促进中心", "Government", None),
    ("服务中心", "Government", None),
    ("指导中心", "Government", None),
    ("高新技术产业开发区", "Government", None),
    ("经济技术开发区", "Government", None),
    ("开发区", "Government", None),
    ("高新区", "Government", None),
    ("经开区", "Government", None),
    ("开区", "Government", None),
    ("新区", "Government", None),
    ("自贸区", "Government", None),
    ("示范区", "Government", None),
    ("保税区", "Government", None),
    ("工业园区", "Government", None),
    # other
    ("医院", "OtherOrganization", None),
)

#: Suffixes that, alone, name a thing only with a real name before them
#: (局, 部 ... are too short to be trusted after a single character).
WEAK_SUFFIXES = {"局", "厅", "部", "署", "股份", "公司", "集团", "学院", "大学", "政府", "中学", "小学",
                 "新区", "企联", "委员会", "办公室", "工厂", "银行", "分院", "学会", "协会"}

#: Names whose suffix would mislead or that have no place-name pattern.
KNOWN_ORGS: dict[str, tuple[str, str | None]] = {
    "国务院": ("Government", None),
    "国务院办公厅": ("Government", None),
    "中共中央": ("Government", None),
    "中共中央办公厅": ("Government", None),
    "教育部": ("Government", None),
    "工业和信息化部": ("Government", None),
    "人力资源和社会保障部": ("Government", None),
    "国家发展和改革委员会": ("Government", None),
    "国家发展改革委": ("Government", None),
    "科学技术部": ("Government", None),
    "财政部": ("Government", None),
    "商务部": ("Government", None),
    "中国科学院": ("ResearchInstitute", None),
    "中国工程院": ("ResearchInstitute", None),
    "全国总工会": ("Association", None),
    "共青团中央": ("Government", None),
}

#: Abbreviations of government departments -> full form (prefixed by the place they follow).
GOV_ABBREVIATIONS: dict[str, str] = {
    "工信部": "工业和信息化部",
    "人社部": "人力资源和社会保障部",
    "科技部": "科学技术部",
    "国家发改委": "国家发展和改革委员会",
    "工信局": "工业和信息化局",
    "工信厅": "工业和信息化厅",
    "人社局": "人力资源和社会保障局",
    "人社厅": "人力资源和社会保障厅",
    "发改委": "发展和改革委员会",
    "发改局": "发展和改革局",
    "住建局": "住房和城乡建设局",
    "住建厅": "住房和城乡建设厅",
    "国资委": "国有资产监督管理委员会",
    "网信办": "网信办",
    "科技局": "科学技术局",
    "科技厅": "科学技术厅",
    "经信局": "经济和信息化局",
    "经信委": "经济和信息化委员会",
    "市场监管局": "市场监督管理局",
}

#: Words that end an organisation name on its left: verbs, prepositions, adverbs,
#: discourse words. A name never contains them (checked as "text ends with").
LEFT_STOPS: tuple[str, ...] = tuple(
    sorted(
        """在 由 于 向 对 为 将 把 被 从 跟 给 让 是 了 的 等 次 以及 或 并 且 也 还 又 即
        召开 举行 举办 主办 承办 协办 签署 签订 签约 表示 参加 出席 主持 介绍 走进 来到 前往 深入 调研 会上 会议 期间
        包括 其中 分别 分别是 分别为 如 例如 比如 此外 同时 另外 目前 近日 日前 近期 今年 去年 当天 当日 据悉 记者
        携手 牵头 依托 成立 共建 打造 支持 鼓励 推动 推进 指导 批准 认定 授予 获批 入选 成为 作为
        代表 感谢 希望 要求 强调 指出 认为 透露 告诉 带领 陪同 率领 一行 莅临 考察 参观 访问 见证 发布 印发 出台
        面向 围绕 依靠 通过 利用 实现 开展 加强 深化 助力 及其 各 各类 相关 有关 该
        我们 我校 这 此 全市 全省 全国 全区 首批 第一批 一批 一家 一所 多家 多所 各级 部分 所有 所属 旗下
        下属 直属 位于 落户 入驻 引进 与会 引导 发挥 回顾 标志着 落实 形成 充分 进一步 促使 带动 吸引 邀请 联系
        对接 走访 慰问 视察 听取 会见 会同 协调 召集 汇报 提供 输送 推荐 选派 接收 安排 覆盖 涵盖 涉及 包含 集聚 汇聚
        聚集 吸纳 辐射 主体 共同 分别由 聚焦 立足 扎根 今后 以后 此后 随后 近年来 首次 此次 本次 再次 拥有 设有 具有 现有 受邀 应邀 来自 赴 走入 看望 陪同下 获得 荣获 获评 评为 认证 颁发 授牌 参会 出资 设立 筹建 组建 申报 申请 承担 负责 主导 参与 加入""".split(),
        key=len,
        reverse=True,
    )
)

#: Conjunctions that separate names in lists; inside names (工业和信息化部,
#: 大数据管理与优化决策重点实验室) they do not follow a complete name.
CONJUNCTIONS = ("以及", "和", "与", "及", "同", "跟", "暨")

#: Leading modifiers that make a candidate generic rather than a name.
GENERIC_HEADS = (
    "各", "相关", "有关", "该", "这", "本", "我", "全", "其", "此", "知名", "龙头", "重点", "骨干", "优质", "优秀",
    "一流", "部分", "所有", "多家", "一批", "若干", "中小", "高等", "职业", "地方", "行业", "本科", "高职", "中职",
    "国家级", "省级", "市级", "区级", "县级", "新型", "现代", "特色", "民营", "国有", "外资", "合资", "大型", "小型",
    "领军", "链主", "头部", "科技型", "企业", "学校", "高校", "院校", "政府", "机关", "社会", "用人", "合作", "产业",
    "成员", "牵头", "教育", "科研", "研究", "培训", "技术", "中外", "两", "双", "一", "二", "三", "四", "五",
)

#: Whole names that are generic nouns, not organisations.
GENERIC_NAMES = {
    "大学", "学院", "高校", "企业", "公司", "集团", "政府", "人民政府", "管委会", "实验室", "研究院", "中心",
    "产业学院", "特色学院", "二级学院", "现代产业学院", "新区", "开发区", "高新区", "经开区", "示范区", "园区",
    "党委", "协会", "行业协会", "企业家协会", "联合会", "职教中心", "职业学校", "中学", "小学", "幼儿园", "医院",
    "重点实验室", "股份", "书记处", "办公室", "委员会", "工作委员会", "市委", "省委", "区委", "县委",
    "学会", "商会", "教育部门", "人社部门", "有限公司", "开区", "企联", "全日制大学", "开放大学",
}

#: Endings that make a name a cooperation carrier (a Project), never an organisation.
CARRIER_ENDINGS = (
    "产业学院", "特色学院", "工匠学院", "工程师学院", "产教融合学院", "学徒制学院", "订单学院", "企业学院",
    "实训基地", "实践基地", "实习基地", "培养基地", "教育基地", "创新基地", "就业基地", "创业基地",
    "协同创新中心", "技术创新中心", "创新中心", "实训中心", "培养中心", "孵化中心", "数据中心", "实践中心",
    "联合实验室", "工作室", "服务平台", "产教联合体", "共同体", "联盟", "职教集团", "职业教育集团",
    "二级学院", "书院", "中心校区",
)

#: Titles of office, longest first (the title chain before a person's name).
TITLES: tuple[str, ...] = tuple(
    sorted(
        """党委书记 党委副书记 党组书记 党组副书记 党工委书记 党工委副书记 纪委书记 书记 副书记 校长 副校长 院长 副院长
        董事长 副董事长 总经理 副总经理 总裁 副总裁 执行总裁 总监 首席执行官 主任 副主任 常务副主任 局长 副局长 厅长
        副厅长 部长 副部长 处长 副处长 科长 会长 副会长 常务副会长 秘书长 副秘书长 理事长 副理事长 主席 副主席 市长
        副市长 区长 副区长 县长 副县长 省长 副省长 镇长 主任委员 一级巡视员 二级巡视员 巡视员 调研员 研究员 副研究员
        教授 副教授 高级工程师 工程师 总工程师 经理 副经理 总经理助理 所长 副所长 园长 馆长 社长 台长 行长 副行长
        常委 委员 政委 主管 负责人 党总支书记 团委书记 首席专家 董事 监事长 合伙人 创始人 总经济师 总会计师 处长助理
        副主任委员 工会主席 学术委员会主任 党委常委 党工委委员 管委会主任 管委会副主任""".split(),
        key=len,
        reverse=True,
    )
)

#: Common Chinese surnames (single and double), for telling names from words.
SURNAMES = set(
    """王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘
    于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹
    薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 初 华 冷 鲁 柳 乔 庞 樊 兰 殷 施 洪 翟
    安 颜 倪 严 牛 温 芦 季 俞 章 鲍 葛 滕 左 单 祁 岳 耿 关 苗 申 焦 池 车 文 成 邢 包 尚 霍 伍 屈 聂 宁 骆 蓝 谷
    甘 房 裴 詹 辛 蒙 柴 欧 阮 宫 卜 巩 桂 全 景 路 廉 艾 阎 闵 鞠 仲 齐 穆 麦 栾 隋 邸 臧 相 时 游 符 强 纪 连 迟
    司马 欧阳 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 司徒 宇文 长孙 夏侯""".split()
)

#: Words that may follow a person's name (so the name ends before them).
AFTER_NAME = (
    "表示", "主持", "讲话", "介绍", "说", "指出", "强调", "认为", "告诉", "出席", "参加", "致辞", "分别", "一致", "等",
    "和", "与", "及", "围绕", "在", "为", "对", "代表", "带队", "一行", "率", "宣读", "发言", "作", "做", "接受",
    "坦言", "透露", "提到", "希望", "要求", "共同", "一同", "先后", "也", "还", "则", "就", "向", "同", "陪同", "现场",
    "详细", "首先", "总结", "解读", "回顾", "提出", "参观", "调研", "考察", "见证", "签约", "签署", "揭牌", "出任",
)

#: Event kinds by the noun that ends the event's name.
EVENT_KINDS: tuple[tuple[str, str], ...] = (
    ("成立大会", "founding"),
    ("签约仪式", "signing"),
    ("签约大会", "signing"),
    ("启动仪式", "launch"),
    ("启动会", "launch"),
    ("揭牌仪式", "unveiling"),
    ("开班仪式", "launch"),
    ("开幕式", "opening"),
    ("对接会", "matchmaking"),
    ("洽谈会", "matchmaking"),
    ("推进会", "promotion_meeting"),
    ("推进大会", "promotion_meeting"),
    ("座谈会", "meeting"),
    ("研讨会", "meeting"),
    ("交流会", "meeting"),
    ("推介会", "meeting"),
    ("发布会", "meeting"),
    ("招聘会", "job_fair"),
    ("双选会", "job_fair"),
    ("工作会议", "meeting"),
    ("联席会议", "meeting"),
    ("理事会", "meeting"),
    ("年会", "meeting"),
    ("峰会", "conference"),
    ("论坛", "conference"),
    ("活动", "activity"),
    ("博览会", "conference"),
    ("大会", "conference"),
)

#: Composition / attendee-count nouns -> the model's COMPOSITION_KEYS.
COMPOSITION_NOUNS: tuple[tuple[str, str], ...] = (
    ("成员单位", "total"),
    ("政府机构", "government"),
    ("政府部门", "government"),
    ("党政部门", "government"),
    ("本科院校", "undergraduate"),
    ("本科高校", "undergraduate"),
    ("普通高校", "undergraduate"),
    ("高职院校", "higher_vocational"),
    ("高职学校", "higher_vocational"),
    ("高职", "higher_vocational"),
    ("中职学校", "secondary_vocational"),
    ("中职院校", "secondary_vocational"),
    ("中职", "secondary_vocational"),
    ("职业院校", "college"),
    ("中高等院校", "college"),
    ("院校", "college"),
    ("高校", "college"),
    ("学校", "college"),
    ("科研机构", "research_institute"),
    ("科研院所", "research_institute"),
    ("研究机构", "research_institute"),
    ("企业", "enterprise"),
    ("行业协会", "association"),
    ("社会组织", "association"),
    ("协会", "association"),
    ("单位", "total"),
)

#: Classifier nouns after an enumeration ("…等16户企业") -> the kind of its items.
LIST_KIND_NOUNS: tuple[tuple[str, str], ...] = (
    ("科研院所", "ResearchInstitute"),
    ("科研机构", "ResearchInstitute"),
    ("研究机构", "ResearchInstitute"),
    ("高校", "College"),
    ("职校", "College"),
    ("高职", "College"),
    ("中职", "College"),
    ("院校", "College"),
    ("学校", "College"),
    ("大学", "College"),
    ("企业", "Enterprise"),
    ("公司", "Enterprise"),
    ("厂商", "Enterprise"),
    ("协会", "Association"),
    ("商会", "Association"),
    ("政府部门", "Government"),
    ("部门", "Government"),
    ("单位", ""),
    ("机构", ""),
)

#: Endings of consortium names.
CONSORTIUM_ENDINGS: tuple[tuple[str, str], ...] = (
    ("市域产教联合体", "city_consortium"),
    ("产教联合体", "city_consortium"),
    ("产教融合共同体", "industry_community"),
    ("共同体", "industry_community"),
    ("职业教育集团", "vocational_group"),
    ("职教集团", "vocational_group"),
    ("产教融合联盟", "alliance"),
    ("联盟", "alliance"),
)

#: Policy-document title endings (《…》 with one of these is a Policy).
POLICY_ENDINGS = (
    "意见", "方案", "通知", "办法", "规划", "纲要", "决定", "条例", "法", "规定", "计划", "指南", "标准", "措施",
    "细则", "决议", "指导目录", "清单", "行动", "政策", "若干规定", "实施意见", "工作要点",
)

#: Verbs of cooperation that introduce a project name.
PROJECT_VERBS = (
    "合作共建", "联合共建", "共同建设", "合作建设", "联合建设", "共同打造", "合作打造", "联合打造", "合作研发",
    "联合研发", "共同研发", "合作开发", "联合开发", "合作开展", "联合开展", "共同开展", "联合培养", "合作培养",
    "共同培养", "共同组建", "联合组建", "合作成立", "共同成立", "联合成立", "共建", "共育", "共创", "打造", "建设",
    "成立", "建立", "组建", "揭牌",
)

#: Project types by keyword in the project name (first match wins).
PROJECT_TYPES: tuple[tuple[str, str], ...] = (
    ("产业学院", "industrial_college"),
    ("现代学徒", "talent_cultivation"),
    ("人才培养", "talent_cultivation"),
    ("联合培养", "talent_cultivation"),
    ("订单", "talent_cultivation"),
    ("培养", "talent_cultivation"),
    ("就业", "employment_base"),
    ("创业", "employment_base"),
    ("实训", "training_base"),
    ("实习", "practice_base"),
    ("实践", "practice_base"),
    ("教育基地", "practice_base"),
    ("研发", "tech_rd"),
    ("攻关", "tech_rd"),
    ("研制", "tech_rd"),
    ("开发", "tech_rd"),
    ("创新中心", "innovation_center"),
    ("创新基地", "innovation_center"),
    ("研究中心", "innovation_center"),
    ("实验室", "innovation_center"),
    ("技术中心", "innovation_center"),
)

#: Suffixes of public bodies that only name an organisation after a place
#: (长春市教育局, 平顶山市委, 大连金普新区); "布局", "部署", "落实省委" are not names.
PLACE_BOUND_SUFFIXES = {"局", "厅", "部", "署", "政府", "人民政府", "市委", "省委", "区委", "县委", "州委", "委员会",
                        "办公室", "办公厅", "教育局", "企联", "网信办", "管委会", "管理委员会", "发改委", "国资委",
                        "工信委", "经信委", "教委", "科委", "司", "中心", "发展中心"}
#: Zone suffixes: a zone's own name is short (金普新区, 汽开区); without a place before
#: it, only the two characters before the suffix are kept.
ZONE_SUFFIXES = {"新区", "开区", "高新区", "经开区", "开发区", "经济技术开发区", "高新技术产业开发区", "自贸区",
                 "示范区", "保税区", "工业园区"}
#: A suffix directly followed by one of these characters is part of a word, not a name's end.
SUFFIX_NOT_BEFORE: dict[str, str] = {
    "部": "署分门委件位队属品长",
    "局": "面势部限长",
    "企联": "盟",
    "大学": "生",
    "中学": "生",
    "小学": "生",
    "政府": "部采",
    "股份": "制",
    "集团": "化",
    "委": "员",
    "市委": "员书",
    "厅": "长",
    "司": "长机法",
    "学院": "派",
}
#: Heads that make a public body's name (besides place names).
OFFICIAL_HEADS = ("国家", "中国", "中共", "中华", "国务院", "全国", "市", "省", "区", "县", "自治区", "中央")

#: Verbs that also occur inside names: a stop only when not followed by a name part
#: (建设 ends 教育部 in "教育部建设…", not in 住房和城乡建设局 / 中国建设银行).
STOPS_UNLESS_FOLLOWED: dict[str, tuple[str, ...]] = {
    "建设": ("局", "厅", "委", "部", "银行", "集团", "投资", "工程", "发展", "控股", "有限", "公司", "兵团", "科技"),
    "服务": ("中心", "集团", "有限", "公司", "局", "站", "管理", "外包", "贸易", "科技"),
    "合作": ("社", "组织", "银行", "区", "中心"),
    "按": ("摩",),
    "有": ("限", "色", "机"),
    "投资": ("集团", "有限", "公司", "控股", "基金", "管理", "发展", "促进", "策进", "股份"),
}

#: Modifiers allowed between 等 and the classifier noun of an enumeration
#: ("百度、蔚来等产业链领军企业").
LIST_MODIFIERS = ("产业链", "行业", "知名", "重点", "龙头", "骨干", "优质", "头部", "领军", "链主", "科技型", "规上",
                  "上市", "合作", "成员", "本地", "在地", "省内", "市内", "国内", "国际", "世界500强", "500强", "各类",
                  "大型", "中小", "民营", "国有", "高新技术", "专精特新", "优秀", "一流", "“双一流”", "双一流")
