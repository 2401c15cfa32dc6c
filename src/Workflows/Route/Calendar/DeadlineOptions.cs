using System.ComponentModel.DataAnnotations;

namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>
/// The deadlines of one budget cycle, as data: finance's due date and the working days reserved for each stage before
/// it (docs/domain.md §5). Bind per cycle, e.g. <c>Cycles:2025:Deadlines</c>; dates as <c>yyyy-MM-dd</c>.
/// </summary>
public sealed class DeadlineOptions
{
    /// <summary>区财政局's due date for the package (一上).</summary>
    [Required]
    public DateOnly? FinanceDueDate { get; set; }

    /// <summary>Working days the office keeps between the bureau's approval and finance's due date (export and submit).</summary>
    [Range(0, 60)]
    public int SubmissionWorkingDays { get; set; } = 1;

    /// <summary>Working days reserved for 局审核 before the package is due for submission.</summary>
    [Range(0, 60)]
    public int BureauReviewWorkingDays { get; set; } = 3;

    /// <summary>Working days reserved for 办公室审核 (checking and consolidating) before the bureau review is due.</summary>
    [Range(0, 60)]
    public int OfficeReviewWorkingDays { get; set; } = 5;

    /// <summary>Working days 科室 get for drafting before their submit deadline (gives the recommended start).</summary>
    [Range(0, 120)]
    public int DraftWorkingDays { get; set; } = 10;

    /// <summary>Working days a returned declaration gets before it is due again.</summary>
    [Range(1, 30)]
    public int ReturnedWorkingDays { get; set; } = 2;

    /// <summary>End of the working day in China Standard Time: a deadline falls due at this time of its day.</summary>
    public TimeOnly EndOfWorkingDay { get; set; } = new(18, 0);
}
