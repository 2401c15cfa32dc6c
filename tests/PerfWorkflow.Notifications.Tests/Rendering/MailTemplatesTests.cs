using System.Text.RegularExpressions;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Declarations.Diff;

namespace PerfWorkflow.Notifications.Tests.Rendering;

public sealed class MailTemplatesTests
{
    private static readonly MailTemplates Templates = new();

    public static TheoryData<string> Events() => [.. MailTemplates.EventNames];

    [Theory]
    [MemberData(nameof(Events))]
    public void EveryEvent_RendersSubjectHtmlAndText_FromAFullSampleModel(string eventName)
    {
        var model = MailSamples.For(eventName);

        var mail = Templates.Render(eventName, model);
        WriteArtifact(eventName, mail);

        Assert.DoesNotContain('\n', mail.Subject);
        Assert.StartsWith("王芳，您好：", mail.Text.Replace("刘局长", "王芳", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("登录系统：https://jx.futian.example.gov.cn/", mail.Text, StringComparison.Ordinal);
        Assert.Contains("此邮件由绩效目标申报系统自动发送", mail.Text, StringComparison.Ordinal);
        foreach (var link in model.Links)
        {
            Assert.Contains($"{link.Label}：{link.Url}", mail.Text, StringComparison.Ordinal);
            Assert.Contains($"href=\"{link.Url}\"", mail.Html, StringComparison.Ordinal);
        }
        Assert.Contains("<!DOCTYPE html>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("max-width:640px", mail.Html, StringComparison.Ordinal);
        // Outlook and Foxmail: nothing fetched from elsewhere, no <style> blocks they would drop.
        Assert.DoesNotMatch(new Regex("<img|<link|<style|@import|url\\(", RegexOptions.IgnoreCase), mail.Html);
        Assert.DoesNotContain("{{", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", mail.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DeclarationSubmitted", "修改说明", "陈明（产业发展科）于2026年9月28日（星期一）16:05重新提交了《办公场所修缮项目》（第3版）。")]
    [InlineData("DeclarationReturned", "退回意见", "陈明（产业发展科）于2026年9月28日（星期一）16:05将《办公场所修缮项目》（第3版）从“办公室审核”退回至“科室起草”。")]
    [InlineData("DeclarationAccepted", "审核意见", "陈明（产业发展科）于2026年9月28日（星期一）16:05将《办公场所修缮项目》（第3版）纳入本局2027年度项目汇总。")]
    [InlineData("FinanceReturned", "区财政局退回意见", "区财政局陈明于2026年9月28日（星期一）16:05退回了《办公场所修缮项目》（第3版）。")]
    public void DeclarationMail_SaysWhoDidWhatAndWhen_AndCarriesKeyFiguresCommentsAndDiff(string eventName, string commentTitle, string opening)
    {
        var text = Templates.Render(eventName, MailSamples.DeclarationModel()).Text;

        Assert.Contains(opening, text, StringComparison.Ordinal);
        AssertKeyFiguresAndDiff(text);
        Assert.Contains($"【{commentTitle}】\n测算依据请补充单价和数量。\n· 测算依据：请列明修缮面积和单价\n· 年度目标：请写明完成时间\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TaskAssigned", 3, "您有一项新任务：审核申报表（《办公场所修缮项目》，产业发展科）。")]
    [InlineData("TaskDueSoon", 1, "将于2026年10月12日（星期一）18:00到期，剩余1个工作日。")]
    [InlineData("TaskDueSoon", 0, "将于2026年10月12日（星期一）18:00到期，今天到期。")]
    [InlineData("TaskOverdue", -2, "已于2026年10月12日（星期一）18:00到期，目前已逾期2个工作日。")]
    [InlineData("TaskEscalated", -1, "王芳（办公室）的任务“审核申报表”（《办公场所修缮项目》）已于2026年10月12日（星期一）18:00到期，至今未办理，已逾期1个工作日。")]
    public void TaskMail_SaysWhatIsDueWhen_AndCarriesTheDeclarationAndDiff(string eventName, int workingDaysLeft, string opening)
    {
        var mail = Templates.Render(eventName, MailSamples.TaskModel(workingDaysLeft));

        Assert.Contains(opening, mail.Text, StringComparison.Ordinal);
        Assert.Contains("【任务】\n任务：审核申报表\n承办人：王芳（办公室）\n交办人：赵磊\n", mail.Text, StringComparison.Ordinal);
        AssertKeyFiguresAndDiff(mail.Text);
        Assert.Contains(MailFormat.WorkingDays(workingDaysLeft), mail.Subject + mail.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PackageSubmittedForReview", "提交局审核：共12个项目，本年度项目金额合计876.5432万元。")]
    [InlineData("PackageApproved", "审定了本局2027年度二级项目支出绩效目标汇总：共12个项目")]
    [InlineData("PackageSubmittedToFinance", "报送区财政局：共12个项目，本年度项目金额合计876.5432万元。")]
    [InlineData("PackageAccepted", "审核通过了本局2027年度二级项目支出绩效目标汇总：共12个项目")]
    public void PackageMail_CarriesTheTotals(string eventName, string opening)
    {
        var text = Templates.Render(eventName, MailSamples.PackageModel()).Text;

        Assert.Contains("王芳（办公室）于2026年9月28日（星期一）16:05", text, StringComparison.Ordinal);
        Assert.Contains(opening, text, StringComparison.Ordinal);
        Assert.Contains("项目数：12个\n本年度项目金额合计：876.5432万元\n", text, StringComparison.Ordinal);
        Assert.Contains("按项目类型：\n· 15 履职类(运转)项目：7个，210.00万元\n· 21 发展类项目：5个，666.5432万元\n", text, StringComparison.Ordinal);
        Assert.Contains("按科室：\n· 产业发展科：4个，300.00万元\n· 办公室：8个，576.5432万元\n", text, StringComparison.Ordinal);
        Assert.Contains("【意见】\n同意报送。", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void EveryEvent_Renders_WhenOnlyTheRequiredFieldsAreSet(string eventName)
    {
        var mail = Templates.Render(eventName, MailSamples.MinimalFor(eventName));

        Assert.NotEmpty(mail.Subject);
        Assert.Contains("登录系统：https://jx.futian.example.gov.cn/", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("【修改内容", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("【可办理的操作】", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("截止时间", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstSubmission_SaysThereIsNothingToCompare_AndShowsMissingFiguresAsUnfilled()
    {
        var text = Templates.Render("DeclarationSubmitted", MailSamples.MinimalDeclarationModel()).Text;

        Assert.Contains("这是该项目本年度的首次提交，没有可比对的历史版本。", text, StringComparison.Ordinal);
        Assert.Contains("项目编码：（未填写）\n", text, StringComparison.Ordinal);
        Assert.Contains("本年度项目金额：（未填写）\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ScriptInUserText_IsEscapedInHtml_AndKeptAsTextInPlainText()
    {
        const string Script = "<script>alert('x')</script>";
        var before = MailSamples.Version2();
        var after = MailSamples.Version3();
        after.AnnualGoal += Script;
        var model = MailSamples.DeclarationModel(MailSamples.Declaration(name: "修缮" + Script)) with
        {
            ActorName = Script,
            Comment = Script,
            FieldComments = [new(Script, Script)],
            Diff = DeclarationDiff.Compare(before, after),
            Links = [new("查看" + Script, "https://jx.futian.example.gov.cn/a?x=1&y=\"2\"")],
        };

        var mail = Templates.Render("DeclarationReturned", model);

        Assert.DoesNotContain("<script", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", mail.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://jx.futian.example.gov.cn/a?x=1&amp;y=&quot;2&quot;\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains("修缮" + Script, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("项目名称：修缮" + Script, mail.Text, StringComparison.Ordinal);
        Assert.Contains("【退回意见】\n" + Script + "\n· " + Script + "：" + Script, mail.Text, StringComparison.Ordinal);
        Assert.Contains("[+" + Script + "+]", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DiffBlock_MarksDeletedAndInsertedSpans_InHtml()
    {
        var html = Templates.Render("DeclarationSubmitted", MailSamples.DeclarationModel()).Html;

        Assert.Matches("局内办公修缮费用<del [^>]*>15</del><ins [^>]*>18</ins>万元。", html);
        Assert.Matches("对我局26楼<del [^>]*>和24楼</del>多间进行修缮", html);
        Assert.Matches("<del [^>]*>小型工程类项目</del> → <ins [^>]*>办公场所修缮项目</ins>", html);
        Assert.Matches("修缮达标率</strong>\\s*<br>指标值：<del [^>]*>100%</del> → <ins [^>]*>≥98%</ins>", html);
        Assert.Matches(">新增</td>[\\s\\S]*干部职工满意度</strong>\\s*<br>指标值：<ins [^>]*>≥90%</ins>", html);
        Assert.Matches(">删除</td>[\\s\\S]*办公条件改善情况</strong>\\s*<br>指标值：<del [^>]*>有所改善</del>", html);
    }

    [Fact]
    public void DiffBlock_SaysNothingChanged_WhenTheVersionsAreTheSame()
    {
        var model = MailSamples.DeclarationModel() with { Diff = DeclarationDiff.Compare(MailSamples.Version3(), MailSamples.Version3()) };

        var mail = Templates.Render("DeclarationSubmitted", model);

        Assert.Contains("【修改内容（第2版 → 第3版）】\n申报表内容没有修改。\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains("申报表内容没有修改。", mail.Html, StringComparison.Ordinal);
        Assert.Contains("本年度项目金额：18.3457万元\n", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiLineText_StaysIndentedUnderItsLabel_InPlainText()
    {
        TextSpan Equal(string text) => new(TextSpanKind.Equal, text);
        TextSpan Inserted(string text) => new(TextSpanKind.Inserted, text);
        var policy = new TextChange("policyBasis", "政策依据", [Equal("《预算法》第十二条\n"), Inserted("《深圳市预算绩效管理办法》\n"), Equal("《项目支出绩效评价管理办法》")]);
        var row = new IndicatorRowChange(IndicatorRowChangeKind.Changed, "产出指标", "数量指标", "修缮次数", 0, 0, null, null,
            [new CellChange("explanation", "指标解释", "全年修缮次数", "全年修缮次数\n以验收单为准", [Equal("全年修缮次数"), Inserted("\n以验收单为准")])]);
        var model = MailSamples.DeclarationModel() with { Diff = new DeclarationDiff([], [policy], [row], new KeyFigures(18m, 18m)) };

        var text = Templates.Render("DeclarationSubmitted", model).Text;

        Assert.Contains("· 政策依据：\n  《预算法》第十二条\n  [+《深圳市预算绩效管理办法》\n  +]《项目支出绩效评价管理办法》\n", text, StringComparison.Ordinal);
        Assert.Contains("      指标解释：全年修缮次数[+\n        以验收单为准+]\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiLineComment_KeepsItsLineBreaks_InHtml()
    {
        var model = MailSamples.DeclarationModel() with { Comment = "第一条<意见>\n第二条意见" };

        var html = Templates.Render("DeclarationReturned", model).Html;

        Assert.Contains("第一条&lt;意见&gt;<br>\n第二条意见", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_IsOneLine_WhenTheProjectNameHasLineBreaks()
    {
        var model = MailSamples.DeclarationModel(MailSamples.Declaration(name: "办公场所\r\n  修缮项目"));

        var subject = Templates.Render("DeclarationAccepted", model).Subject;

        Assert.Equal("【已纳入汇总】办公场所 修缮项目", subject);
    }

    [Fact]
    public void EmbeddedTemplates_HaveOneFilePerEvent_AndTheSharedLayouts()
    {
        foreach (var eventName in MailTemplates.EventNames)
        {
            Assert.Contains(eventName, Templates.TemplateNames);
        }
        Assert.Contains("Shared/diff.html", Templates.TemplateNames);
        Assert.Contains("Shared/diff.text", Templates.TemplateNames);
    }

    [Fact]
    public void Construction_Fails_NamingTheFileAndTheError_WhenATemplateDoesNotParse()
    {
        var sources = MailTemplates.EmbeddedSources();
        sources["Shared/diff.html"] = "<p>{{ if diff }}never closed</p>";

        var error = Assert.Throws<MailTemplateException>(() => new MailTemplates(sources));

        Assert.Contains("Templates/Shared/diff.html.sbn", error.Message, StringComparison.Ordinal);
        Assert.Contains("error", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Templates/Shared/diff.text.sbn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Construction_Fails_WhenAnEventHasNoTemplate()
    {
        var sources = MailTemplates.EmbeddedSources();
        sources.Remove("TaskOverdue");

        var error = Assert.Throws<MailTemplateException>(() => new MailTemplates(sources));

        Assert.Contains("Templates/TaskOverdue.sbn: missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Fails_WhenAnEventTemplateSetsNoSubject()
    {
        var sources = MailTemplates.EmbeddedSources();
        sources["DeclarationAccepted"] = "没有标题的正文";

        var error = Assert.Throws<MailTemplateException>(() => new MailTemplates(sources).Render("DeclarationAccepted", MailSamples.DeclarationModel()));

        Assert.Contains("Templates/DeclarationAccepted.sbn sets no subject", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Throws_WhenTheModelIsOfAnotherFamily()
    {
        var error = Assert.Throws<ArgumentException>(() => Templates.Render("TaskOverdue", MailSamples.DeclarationModel()));

        Assert.Contains("TaskOverdue renders a TaskMailModel, not a DeclarationMailModel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Throws_ForATemplateThatIsNotAnEvent()
    {
        Assert.Throws<ArgumentException>(() => Templates.Render("Shared/diff.html", MailSamples.DeclarationModel()));
    }

    [Fact]
    public void Render_GivesTheSameMail_WhenCalledFromManyThreadsAtOnce()
    {
        var expected = MailTemplates.EventNames.ToDictionary(name => name, name => Templates.Render(name, MailSamples.For(name)));

        var rendered = Enumerable.Range(0, 200).AsParallel().WithDegreeOfParallelism(8)
            .Select(i => MailTemplates.EventNames[i % MailTemplates.EventNames.Count])
            .Select(name => (name, mail: Templates.Render(name, MailSamples.For(name))))
            .ToList();

        Assert.All(rendered, r => Assert.Equal(expected[r.name], r.mail));
    }

    [Fact]
    public void ToEnvelope_AddressesTheRenderedParts_ToOneRecipient()
    {
        var mail = Templates.Render("DeclarationAccepted", MailSamples.DeclarationModel());

        var envelope = mail.ToEnvelope("wangfang@futian.example.gov.cn", "王芳");

        Assert.Equal(("wangfang@futian.example.gov.cn", "王芳", mail.Subject, mail.Html, mail.Text),
            (envelope.ToAddress, envelope.ToName, envelope.Subject, envelope.HtmlBody, envelope.TextBody));
    }

    private static void AssertKeyFiguresAndDiff(string text)
    {
        Assert.Contains(
            "【申报表】\n项目名称：办公场所修缮项目\n项目编码：440304231071501005005\n申报科室：产业发展科\n"
            + "本年度项目金额：18.3457万元（原15.00万元，增加3.3457万元）\n当前阶段：办公室审核（第3版）\n",
            text, StringComparison.Ordinal);
        Assert.Contains("截止时间：2026年10月12日（星期一）18:00（", text, StringComparison.Ordinal);
        Assert.Contains("【修改内容（第2版 → 第3版）】\n", text, StringComparison.Ordinal);
        Assert.Contains("· 项目名称：小型工程类项目 → 办公场所修缮项目\n", text, StringComparison.Ordinal);
        Assert.Contains("· 本年度项目金额：150,000.00元 → 183,456.78元\n", text, StringComparison.Ordinal);
        Assert.Contains("· 测算依据：\n  局内办公修缮费用[-15-][+18+]万元。\n", text, StringComparison.Ordinal);
        Assert.Contains("对我局26楼[-和24楼-]多间进行修缮", text, StringComparison.Ordinal);
        Assert.Contains("  [修改] 产出指标 › 质量指标 › 修缮达标率\n      指标值：100% → ≥98%\n", text, StringComparison.Ordinal);
        Assert.Contains("  [删除] 效益指标 › 社会效益指标 › 办公条件改善情况：有所改善\n", text, StringComparison.Ordinal);
        Assert.Contains("  [新增] 满意度指标 › 服务对象满意度指标 › 干部职工满意度：≥90%\n", text, StringComparison.Ordinal);
    }

    /// <summary>Rendered samples to open in a browser or mail client: tests/artifacts/mail (gitignored).</summary>
    private static void WriteArtifact(string eventName, RenderedMail mail)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PerfWorkflow.sln")))
        {
            directory = directory.Parent;
        }
        if (directory is null)
        {
            return;
        }
        var folder = Path.Combine(directory.FullName, "tests", "artifacts", "mail");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, eventName + ".html"), mail.Html);
        File.WriteAllText(Path.Combine(folder, eventName + ".txt"), mail.Subject + "\n\n" + mail.Text);
    }
}
