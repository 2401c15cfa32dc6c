using PerfWorkflow.Notifications.Rendering;

namespace PerfWorkflow.Notifications.Tests.Rendering;

public sealed class DeadlineMailTests
{
    private const string Event = "TaskDeadlinesMoved";
    private static readonly MailTemplates Templates = new();

    private static DigestMailModel Moved(int count) => MailSamples.DeadlinesModel(count);

    [Fact]
    public void TheFullSample_ShowsTheReasonAndThePreviousDueTime()
    {
        var mail = Templates.Render(Event, MailSamples.For(Event));

        Assert.Contains("取消调休上班", mail.Text, StringComparison.Ordinal);
        Assert.Contains("2026年10月12日（星期一）18:00 → ", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void OneMovedTask_NamesItInTheSubject_AndListsTheOldAndNewDueTime_WithTheReason()
    {
        var mail = Templates.Render(Event, Moved(1));

        Assert.Equal("【截止日期调整】填报并提交申报表：办公场所修缮项目", mail.Subject);
        Assert.Contains("管理员调整了工作日历（2026-10-09（星期五）取消调休上班）", mail.Text, StringComparison.Ordinal);
        Assert.Contains("【截止日期调整清单】（按调整后的截止日期排列）", mail.Text, StringComparison.Ordinal);
        Assert.Contains("截止：2026年10月12日（星期一）18:00 → 2026年10月9日（星期五）18:00", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<s>2026年10月12日（星期一）18:00</s> → 2026年10月9日（星期五）18:00", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralMovedTasks_AreCountedInTheSubject()
    {
        var mail = Templates.Render(Event, Moved(3));

        Assert.Equal("【截止日期调整】您有3项任务的截止日期调整", mail.Subject);
        Assert.Contains("您的3项待办按新的工作日重新计算了截止日期", mail.Text, StringComparison.Ordinal);
    }
}
