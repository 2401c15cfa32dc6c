namespace PerfWorkflow.Api.Pages.Admin;

/// <summary>Chinese names of the bus messages and mail templates (both are named after the event type).</summary>
public static class MessageLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["DeclarationSubmitted"] = "申报表提交",
        ["DeclarationReturned"] = "申报表退回",
        ["DeclarationAccepted"] = "申报表纳入汇总",
        ["TaskAssigned"] = "待办分派",
        ["TaskDueSoon"] = "到期提醒",
        ["TaskOverdue"] = "逾期提醒",
        ["TaskEscalated"] = "逾期督办",
        ["TaskDeadlinesMoved"] = "截止日期调整",
        ["PackageSubmittedForReview"] = "申报包提交局领导审核",
        ["PackageApproved"] = "局领导审定申报包",
        ["PackageAccepted"] = "区财政审核通过申报包",
        ["PackageSubmittedToFinance"] = "申报包报送区财政局",
        ["FinanceReturned"] = "区财政局退回",
        ["BusPing"] = "消息总线探测",
        ["BusPong"] = "消息总线应答",
    };

    /// <summary>The Chinese label of a type or template name (full CLR name or short), or the short name when unknown.</summary>
    public static string Of(string typeOrTemplate)
    {
        var shortName = typeOrTemplate[(typeOrTemplate.LastIndexOf('.') + 1)..];
        return Labels.TryGetValue(shortName, out var label) ? label : shortName;
    }

    /// <summary>The short (technical) name shown beside the label.</summary>
    public static string ShortName(string typeOrTemplate) => typeOrTemplate[(typeOrTemplate.LastIndexOf('.') + 1)..];
}
