using Microsoft.AspNetCore.Http.HttpResults;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Calendar;

/// <summary>Today's date in China with the calendar notices the dashboard shows as a banner (empty when all is confirmed).</summary>
public sealed record CalendarStatus(DateOnly Today, CalendarYearStatus YearStatus, IReadOnlyList<CalendarNotice> Notices);

/// <summary>Banner data for the working-day calendar: whether this year's and next year's holidays are loaded.</summary>
public static class CalendarApi
{
    public static RouteGroupBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("calendar").RequireAuthorization();
        group.MapGet("/status", GetStatus);
        return group;
    }

    public static Ok<CalendarStatus> GetStatus(IWorkingDayCalendar calendar, TimeProvider clock)
    {
        var today = ChinaTime.Today(clock);
        return TypedResults.Ok(new CalendarStatus(today, calendar.GetYearStatus(today.Year), CalendarNotice.ForToday(calendar, today)));
    }
}
