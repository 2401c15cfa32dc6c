using PerfWorkflow.Notifications.Delivery;
using PerfWorkflow.Notifications.Rendering;

namespace PerfWorkflow.Notifications.Tests.Rendering;

public sealed class DigestMailTests
{
    private const string Event = "TaskRemindersDigested";
    private static readonly MailTemplates Templates = new();

    [Fact]
    public void ReminderDigest_CountsTheItemsAndTheOverdueOnes_InTheSubject()
    {
        var mail = Templates.Render(Event, MailSamples.DigestModel());

        Assert.Equal("【待办汇总】您有5项任务即将到期或已逾期，其中1项已逾期（2026年9月28日（星期一））", mail.Subject);
        Assert.Contains("截至2026年9月28日（星期一）16:05，您有5项任务即将到期或已逾期，其中1项已逾期，按紧急程度排列如下。\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains("今天的到期提醒合并在本邮件中，不再逐项发送。", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReminderDigest_ListsEachItem_WithSectionStageTaskDeadlineAndLink_InTheGivenOrder()
    {
        var text = Templates.Render(Event, MailSamples.DigestModel()).Text;

        Assert.Contains(
            "【待办清单】（按紧急程度排列）\n"
            + "1. 《社区消费节活动》（已逾期2个工作日）\n"
            + "   产业发展科；科室起草；填报并提交申报表\n"
            + "   截止：2026年9月24日（星期四）18:00\n"
            + "   查看申报表：https://jx.futian.example.gov.cn/declarations/101\n"
            + "2. 《办公场所修缮项目》（今天到期）\n"
            + "   产业发展科；科室起草；填报并提交申报表\n"
            + "   截止：2026年9月28日（星期一）18:00\n",
            text, StringComparison.Ordinal);
        Assert.Contains("5. 《节能改造补贴》（剩余3个工作日）\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("承办：", text, StringComparison.Ordinal);
        Assert.DoesNotContain("未列出", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EscalationDigest_NamesWhoHoldsEachLateTask()
    {
        var mail = Templates.Render(Event, MailSamples.DigestModel("escalations"));

        Assert.Equal("【逾期督办汇总】5项任务逾期未办理（2026年9月28日（星期一））", mail.Subject);
        Assert.Contains("【逾期任务清单】（按紧急程度排列）\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains("   产业发展科；科室起草；填报并提交申报表；承办：产业发展科经办人\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains("承办：张伟", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_SaysHowManyItemsItDoesNotList()
    {
        var mail = Templates.Render(Event, MailSamples.DigestModel(total: 120));

        Assert.Contains("另有115项未列出，请登录系统在“待办”中查看。\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains("另有115项未列出", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageItem_ReadsWithoutSectionOrStage()
    {
        var text = Templates.Render(Event, MailSamples.MinimalDigestModel()).Text;

        Assert.Contains("1. 2027年度项目汇总（剩余3个工作日）\n   报送区财政局\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ScriptInADeclarationName_IsEscapedInHtml_AndKeptAsTextInPlainText()
    {
        const string Script = "<script>alert('x')</script>";
        var model = MailSamples.DigestModel() with { Items = [MailSamples.DigestItem("修缮" + Script, 1, holder: Script)] };

        var mail = Templates.Render(Event, model);

        Assert.DoesNotContain("<script", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("《修缮&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;》", mail.Html, StringComparison.Ordinal);
        Assert.Contains("1. 《修缮" + Script + "》（剩余1个工作日）", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void MostUrgentFirst_PutsTheMostOverdueFirst_ThenTheEarliestDue_ThenByName()
    {
        var due = MailSamples.DueInThreeDays.DueAt;
        DigestMailItem Item(string name, int left, int hoursLater = 0) =>
            MailSamples.DigestItem(name, left) with { Deadline = new(due.AddHours(hoursLater), left) };
        var items = new[] { Item("丁", 3), Item("乙", 0, hoursLater: 2), Item("甲", 0), Item("丙", -1), Item("戊", -4), Item("己", 3) };

        var sorted = DigestMails.MostUrgentFirst(items);

        Assert.Equal(["戊", "丙", "甲", "乙", "丁", "己"], sorted.Select(i => i.Name));
    }
}
