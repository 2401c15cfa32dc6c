using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>What an admin asks of one day of the calendar.</summary>
public enum CalendarEditAction
{
    AddHoliday,
    RemoveHoliday,
    AddMakeUpWorkday,
    RemoveMakeUpWorkday,
}

/// <summary>An admin's edit: the day, the holiday's name (for additions) and a note such as the notice number.</summary>
public sealed record CalendarEdit(CalendarEditAction Action, DateOnly Date, string? HolidayName, string? Note);

/// <summary>
/// The answer to an edit: applied or refused (with the reason in <see cref="Message"/>), and how many open tasks are
/// due on the edited day — their due dates are not moved.
/// </summary>
public sealed record CalendarEditOutcome(bool Applied, string Message, int OpenTasksDueThatDay)
{
    public static CalendarEditOutcome Refused(string message) => new(false, message, 0);
}

/// <summary>
/// Validates and records admin edits of the working-day calendar (<see cref="CalendarOverride"/> rows) and puts them in
/// force on this node at once; other nodes pick them up through <see cref="RefreshAsync"/> on their own schedule.
/// </summary>
public sealed class CalendarEditor(PerfWorkflowDbContext db, WorkingDayCalendar calendar, TimeProvider clock)
{
    public const int MinYear = 2024;
    public const int MaxYear = 2030;
    public const int MaxNameLength = 20;
    public const int MaxNoteLength = 200;

    /// <summary>Reads every admin edit from the database into <paramref name="calendar"/> (start-up, periodic refresh, before an edit).</summary>
    public static async Task RefreshAsync(PerfWorkflowDbContext db, WorkingDayCalendar calendar, CancellationToken cancellationToken)
    {
        var rows = await db.CalendarOverrides.AsNoTracking().ToListAsync(cancellationToken);
        calendar.ApplyOverrides(rows);
    }

    /// <summary>The edits of a year, newest first (the calendar's audit trail).</summary>
    public Task<List<CalendarOverride>> HistoryAsync(int year, CancellationToken cancellationToken) =>
        db.CalendarOverrides.AsNoTracking()
            .Where(o => o.Date >= new DateOnly(year, 1, 1) && o.Date <= new DateOnly(year, 12, 31))
            .OrderByDescending(o => o.Id)
            .ToListAsync(cancellationToken);

    public async Task<CalendarEditOutcome> ApplyAsync(CalendarEdit edit, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(actor);
        // Another node may have edited a moment ago: judge the edit against the calendar as the database has it.
        await RefreshAsync(db, calendar, cancellationToken);

        if (Check(edit) is { } refusal)
        {
            return CalendarEditOutcome.Refused(refusal);
        }
        var row = new CalendarOverride
        {
            Date = edit.Date,
            Kind = edit.Action switch
            {
                CalendarEditAction.AddHoliday => CalendarOverrideKind.Holiday,
                CalendarEditAction.AddMakeUpWorkday => CalendarOverrideKind.MakeUpWorkday,
                _ => CalendarOverrideKind.OrdinaryDay,
            },
            HolidayName = edit.Action is CalendarEditAction.AddHoliday or CalendarEditAction.AddMakeUpWorkday ? edit.HolidayName!.Trim() : null,
            Note = edit.Note!.Trim(),
            At = clock.GetUtcNow(),
            ActorId = actor.UserId,
            ActorName = actor.Name,
        };
        db.CalendarOverrides.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await RefreshAsync(db, calendar, cancellationToken);

        var openTasks = await CountOpenTasksDueOnAsync(edit.Date, cancellationToken);
        return new CalendarEditOutcome(true, Describe(edit) + TaskNote(openTasks), openTasks);
    }

    /// <summary>Open tasks whose due time falls on <paramref name="day"/> (China time).</summary>
    public Task<int> CountOpenTasksDueOnAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var start = ChinaTime.At(day, TimeOnly.MinValue);
        var end = ChinaTime.At(day.AddDays(1), TimeOnly.MinValue);
        return db.Tasks.CountAsync(t => t.CompletedAt == null && t.DueAt >= start && t.DueAt < end, cancellationToken);
    }

    private string? Check(CalendarEdit edit)
    {
        var date = edit.Date;
        var iso = Iso(date);
        if (date.Year is < MinYear or > MaxYear)
        {
            return $"只能调整 {MinYear}–{MaxYear} 年的日历，{iso} 不在此范围内。";
        }
        if (calendar.GetYearStatus(date.Year) != CalendarYearStatus.Confirmed)
        {
            return $"{date.Year} 年的节假日安排尚未载入或未确认（只按周末计算），不能逐日调整；请先在日历目录添加 {date.Year}.json 年度文件并重新载入。";
        }
        if (string.IsNullOrWhiteSpace(edit.Note))
        {
            return "请填写备注（如国务院办公厅通知文号），便于日后核对。";
        }
        if (edit.Note.Trim().Length > MaxNoteLength)
        {
            return $"备注不能超过 {MaxNoteLength} 字。";
        }
        var adds = edit.Action is CalendarEditAction.AddHoliday or CalendarEditAction.AddMakeUpWorkday;
        if (adds && string.IsNullOrWhiteSpace(edit.HolidayName))
        {
            return edit.Action == CalendarEditAction.AddHoliday ? "请填写节日名称（如“国庆节”）。" : "请填写调休所为的节日（如“国庆节”）。";
        }
        if (adds && edit.HolidayName!.Trim().Length > MaxNameLength)
        {
            return $"节日名称不能超过 {MaxNameLength} 字。";
        }
        var day = calendar.Describe(date);
        return edit.Action switch
        {
            CalendarEditAction.AddHoliday when day.Kind == CalendarDayKind.Holiday =>
                $"{iso} 已是节假日（{day.HolidayName}），无需重复添加。",
            CalendarEditAction.AddHoliday when day.Kind == CalendarDayKind.MakeUpWorkday =>
                $"{iso} 是调休上班日（{day.HolidayName}），一天不能既放假又上班；如需改为放假，请先取消该调休上班日。",
            CalendarEditAction.AddMakeUpWorkday when date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) =>
                $"{iso} 是{Weekday(date)}：调休上班日必须是星期六或星期日（工作日本来就上班）。",
            CalendarEditAction.AddMakeUpWorkday when day.Kind == CalendarDayKind.Holiday =>
                $"{iso} 是节假日（{day.HolidayName}），一天不能既放假又上班；如需改为上班，请先取消该节假日。",
            CalendarEditAction.AddMakeUpWorkday when day.Kind == CalendarDayKind.MakeUpWorkday =>
                $"{iso} 已是调休上班日（{day.HolidayName}），无需重复添加。",
            CalendarEditAction.RemoveHoliday when day.Kind != CalendarDayKind.Holiday =>
                $"{iso} 不是节假日，无可取消。",
            CalendarEditAction.RemoveMakeUpWorkday when day.Kind != CalendarDayKind.MakeUpWorkday =>
                $"{iso} 不是调休上班日，无可取消。",
            _ => null,
        };
    }

    private static string Describe(CalendarEdit edit)
    {
        var iso = Iso(edit.Date);
        return edit.Action switch
        {
            CalendarEditAction.AddHoliday => $"已将 {iso}（{Weekday(edit.Date)}）设为节假日（{edit.HolidayName!.Trim()}），不上班。",
            CalendarEditAction.AddMakeUpWorkday => $"已将 {iso}（{Weekday(edit.Date)}）设为调休上班日（{edit.HolidayName!.Trim()}）。",
            CalendarEditAction.RemoveHoliday => $"已取消 {iso}（{Weekday(edit.Date)}）的节假日，按{(IsWeekend(edit.Date) ? "周末休息" : "工作日上班")}计算。",
            _ => $"已取消 {iso}（{Weekday(edit.Date)}）的调休上班，按周末休息计算。",
        };
    }

    private static string TaskNote(int openTasks) => openTasks == 0
        ? "没有未办结的待办截止于这一天。"
        : $"有 {openTasks} 项未办结的待办截止于这一天：已定的截止时间不会自动顺延，请办公室酌情通知；剩余工作日、逾期天数和提醒自即刻起按新日历计算。";

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public static string Weekday(DateOnly date) => "星期" + "日一二三四五六"[(int)date.DayOfWeek];

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
