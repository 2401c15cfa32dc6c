using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Diff;

namespace PerfWorkflow.Notifications.Tests.Rendering;

/// <summary>Sample models for every template family, built from two real-looking versions of a declaration.</summary>
internal static class MailSamples
{
    public const string Portal = "https://jx.futian.example.gov.cn/";
    public static readonly DateTimeOffset At = new(2026, 9, 28, 16, 5, 0, TimeSpan.FromHours(8));
    public static readonly Deadline DueInThreeDays = new(new DateTimeOffset(2026, 10, 12, 18, 0, 0, TimeSpan.FromHours(8)), 3);

    public static DeclarationForm Version2() => new()
    {
        Code = "440304231071501005005",
        Name = "小型工程类项目",
        ApplicantUnit = "深圳市福田区工业和信息化局（本级）",
        PeriodYears = 4,
        CurrentYearAmountYuan = 150_000m,
        CalculationBasis = "局内办公修缮费用15万元。",
        AnnualGoal = "计划通过重新设计、统筹整合办公室的方式，对我局26楼和24楼多间进行修缮，进一步提高房屋使用率。",
        Indicators =
        [
            new() { Level1 = "产出指标", Level2 = "数量指标", Name = "全年开展修缮工作次数", Value = "≥2次", Explanation = "该指标主要考察全年开展修缮工作次数" },
            new() { Level1 = "产出指标", Level2 = "质量指标", Name = "修缮达标率", Value = "100%", Explanation = "该指标主要考察修缮达标率" },
            new() { Level1 = "效益指标", Level2 = "社会效益指标", Name = "办公条件改善情况", Value = "有所改善", Explanation = "考察办公条件" },
        ],
    };

    public static DeclarationForm Version3()
    {
        var form = Version2();
        form.Name = "办公场所修缮项目";
        form.CurrentYearAmountYuan = 183_456.78m;
        form.CalculationBasis = "局内办公修缮费用18万元。";
        form.AnnualGoal = "计划通过重新设计、统筹整合办公室的方式，对我局26楼多间进行修缮，进一步提高房屋使用率。";
        form.Indicators[1].Value = "≥98%";
        form.Indicators.RemoveAt(2);
        form.Indicators.Add(new() { Level1 = "满意度指标", Level2 = "服务对象满意度指标", Name = "干部职工满意度", Value = "≥90%", Explanation = "问卷调查" });
        return form;
    }

    public static DeclarationDiff Diff() => DeclarationDiff.Compare(Version2(), Version3());

    public static DeclarationSummary Declaration(string name = "办公场所修缮项目", string stage = "OfficeReview") =>
        new(name, "440304231071501005005", "产业发展科", 183_456.78m, stage, 3);

    public static IReadOnlyList<MailLink> ReviewLinks() =>
    [
        new("纳入汇总", "https://jx.futian.example.gov.cn/act/tok-accept"),
        new("退回", "https://jx.futian.example.gov.cn/act/tok-return"),
        new("查看申报表", "https://jx.futian.example.gov.cn/declarations/7"),
    ];

    public static DeclarationMailModel DeclarationModel(DeclarationSummary? declaration = null) => new()
    {
        RecipientName = "王芳",
        CycleYear = 2027,
        At = At,
        PortalUrl = Portal,
        ActorName = "陈明",
        ActorUnit = "产业发展科",
        Declaration = declaration ?? Declaration(),
        Diff = Diff(),
        DiffSinceVersion = 2,
        Comment = "测算依据请补充单价和数量。",
        FieldComments = [new("测算依据", "请列明修缮面积和单价"), new("年度目标", "请写明完成时间")],
        FromStage = "OfficeReview",
        ToStage = "Draft",
        Deadline = DueInThreeDays,
        Links = ReviewLinks(),
    };

    /// <summary>Only what is required: no diff, comment, deadline or links.</summary>
    public static DeclarationMailModel MinimalDeclarationModel() => new()
    {
        RecipientName = "王芳",
        CycleYear = 2027,
        At = At,
        PortalUrl = Portal,
        ActorName = "陈明",
        Declaration = new("办公场所修缮项目", "", "产业发展科", null, "Draft", 1),
    };

    public static TaskMailModel TaskModel(int workingDaysLeft = 3) => new()
    {
        RecipientName = "王芳",
        CycleYear = 2027,
        At = At,
        PortalUrl = Portal,
        TaskTitle = "审核申报表",
        AssigneeName = "王芳",
        AssigneeUnit = "办公室",
        AssignedBy = "赵磊",
        Declaration = Declaration(),
        Diff = Diff(),
        DiffSinceVersion = 2,
        Deadline = DueInThreeDays with { WorkingDaysLeft = workingDaysLeft },
        Links = ReviewLinks(),
    };

    public static TaskMailModel MinimalTaskModel() => new()
    {
        RecipientName = "王芳",
        CycleYear = 2027,
        At = At,
        PortalUrl = Portal,
        TaskTitle = "报送汇总",
        AssigneeName = "王芳",
    };

    public static PackageMailModel PackageModel() => new()
    {
        RecipientName = "刘局长",
        CycleYear = 2027,
        At = At,
        PortalUrl = Portal,
        ActorName = "王芳",
        ActorUnit = "办公室",
        Totals = new(
            12,
            8_765_432.10m,
            [new("15 履职类(运转)项目", 7, 2_100_000m), new("21 发展类项目", 5, 6_665_432.10m)],
            [new("产业发展科", 4, 3_000_000m), new("办公室", 8, 5_765_432.10m)]),
        Comment = "同意报送。",
        Deadline = DueInThreeDays,
        Links = [new("审定汇总", "https://jx.futian.example.gov.cn/act/tok-approve")],
    };

    public static PackageMailModel MinimalPackageModel() => new()
    {
        RecipientName = "刘局长",
        CycleYear = 2027,
        At = At,
        PortalUrl = Portal,
        ActorName = "王芳",
        Totals = new(0, 0m, [], []),
    };

    /// <summary>
    /// A draft due at 18:00 on <paramref name="due"/> (default: the sample's due date); the working days left are the
    /// caller's, counted from <see cref="At"/> on the 2026 calendar (国庆 10-01..10-07).
    /// </summary>
    public static DigestMailItem DigestItem(string name, int workingDaysLeft, string? holder = null, DateOnly? due = null, int? number = null) => new(
        name,
        "产业发展科",
        "Draft",
        "填报并提交申报表",
        holder,
        due is { } day ? new Deadline(new DateTimeOffset(day.ToDateTime(new TimeOnly(18, 0)), TimeSpan.FromHours(8)), workingDaysLeft)
            : DueInThreeDays with { WorkingDaysLeft = workingDaysLeft },
        new("查看申报表", $"https://jx.futian.example.gov.cn/declarations/{number ?? name.Length}"));

    /// <summary>Five reminders, most urgent first, as DigestMails orders them.</summary>
    public static DigestMailModel DigestModel(string kind = "reminders", int total = 5) => new()
    {
        RecipientName = "王芳",
        CycleYear = 2027,
        At = At,
        PortalUrl = Portal,
        Kind = kind,
        Day = new DateOnly(2026, 9, 28),
        Items =
        [
            // At is Mon 09-28 16:05: due Thu 09-24 is two working days overdue (Fri 09-25, Mon 09-28); Thu 10-08 is the
            // third working day ahead (09-29, 09-30, then the 国庆 holiday).
            DigestItem("社区消费节活动", -2, kind == "escalations" ? "产业发展科经办人" : null, new DateOnly(2026, 9, 24), 101),
            DigestItem("办公场所修缮项目", 0, kind == "escalations" ? "张伟" : null, new DateOnly(2026, 9, 28), 102),
            DigestItem("中小企业服务券", 1, due: new DateOnly(2026, 9, 29), number: 103),
            DigestItem("工业园区巡查", 3, due: new DateOnly(2026, 10, 8), number: 104),
            DigestItem("节能改造补贴", 3, due: new DateOnly(2026, 10, 8), number: 105),
        ],
        TotalCount = total,
        OverdueCount = 1,
        Links = [new("打开我的待办", "https://jx.futian.example.gov.cn/tasks")],
    };

    /// <summary>
    /// TaskDeadlinesMoved: <paramref name="count"/> drafts whose due time a calendar change moved from Mon 10-12 to Fri
    /// 10-09 (a make-up working day cancelled), with the admin's reason.
    /// </summary>
    public static DigestMailModel DeadlinesModel(int count = 2)
    {
        var items = Enumerable.Range(0, count)
            .Select(n => DigestItem(n == 0 ? "办公场所修缮项目" : $"项目{n}", 3, due: new DateOnly(2026, 10, 9), number: 200 + n)
                with { PreviousDueAt = new DateTimeOffset(2026, 10, 12, 18, 0, 0, TimeSpan.FromHours(8)) })
            .ToList();
        return DigestModel() with
        {
            Kind = "deadlines",
            Items = items,
            TotalCount = count,
            OverdueCount = 0,
            Reason = "2026-10-09（星期五）取消调休上班",
        };
    }

    /// <summary>One package task: no 科室, stage or holder, no links.</summary>
    public static DigestMailModel MinimalDigestModel() => new()
    {
        RecipientName = "王芳",
        CycleYear = 2027,
        At = At,
        PortalUrl = Portal,
        Kind = "reminders",
        Day = new DateOnly(2026, 9, 28),
        Items = [new("2027年度项目汇总", null, null, "报送区财政局", null, DueInThreeDays, new("查看汇总", "https://jx.futian.example.gov.cn/package?cycle=2027"))],
        TotalCount = 1,
        OverdueCount = 0,
    };

    /// <summary>Two 【待审核】 notices of an hourly digest: a resubmission with its 修改说明, and a first submission.</summary>
    public static ReviewDigestMailModel ReviewDigestModel() => new()
    {
        RecipientName = "王芳",
        CycleYear = 2027,
        At = At,
        PortalUrl = Portal,
        ModeLabel = "每小时汇总",
        Items =
        [
            new("办公场所修缮项目", "产业发展科", new DateTimeOffset(2026, 9, 28, 15, 20, 0, TimeSpan.FromHours(8)), true, "已按意见补充测算依据。",
                new("审核申报表", "https://jx.futian.example.gov.cn/declarations/7")),
            new("社区消费节活动", "消费促进科", new DateTimeOffset(2026, 9, 28, 15, 42, 0, TimeSpan.FromHours(8)), false, null,
                new("审核申报表", "https://jx.futian.example.gov.cn/declarations/8")),
        ],
        TotalCount = 2,
        Links = [new("打开我的待办", "https://jx.futian.example.gov.cn/tasks")],
    };

    public static ReviewDigestMailModel MinimalReviewDigestModel() => new()
    {
        RecipientName = "王芳",
        CycleYear = 2027,
        At = At,
        PortalUrl = Portal,
        ModeLabel = "每日汇总",
        Items = [new("办公场所修缮项目", "产业发展科", At, false, null, new("审核申报表", "https://jx.futian.example.gov.cn/declarations/7"))],
        TotalCount = 1,
    };

    /// <summary>A full sample model of the right family for each event.</summary>
    public static MailModel For(string eventName) => MailTemplates.ModelTypeOf(eventName).Name switch
    {
        nameof(TaskMailModel) => TaskModel(workingDaysLeft: eventName switch
        {
            "TaskDueSoon" => 1,
            "TaskOverdue" or "TaskEscalated" => -2,
            _ => 3,
        }),
        nameof(PackageMailModel) => PackageModel(),
        nameof(DigestMailModel) => eventName == "TaskDeadlinesMoved" ? DeadlinesModel() : DigestModel(),
        nameof(ReviewDigestMailModel) => ReviewDigestModel(),
        _ => DeclarationModel(),
    };

    /// <summary>A sample model of the right family with only the required members set.</summary>
    public static MailModel MinimalFor(string eventName) => MailTemplates.ModelTypeOf(eventName).Name switch
    {
        nameof(TaskMailModel) => MinimalTaskModel(),
        nameof(PackageMailModel) => MinimalPackageModel(),
        nameof(DigestMailModel) => MinimalDigestModel(),
        nameof(ReviewDigestMailModel) => MinimalReviewDigestModel(),
        _ => MinimalDeclarationModel(),
    };
}
