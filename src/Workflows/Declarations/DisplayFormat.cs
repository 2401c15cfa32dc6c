using System.Globalization;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Workflows.Declarations;

/// <summary>
/// The one way amounts and times read to users, on pages, in answers and in mails: 元 are stored, 万元 shown with 2–4
/// decimals (exact to the 元); instants are shown in 北京时间 whatever the server's zone.
/// </summary>
public static class DisplayFormat
{
    public const decimal YuanPerWan = 10000m;

    /// <summary>Shown where a value is missing.</summary>
    public const string None = "—";

    /// <summary>元 → 万元: 150000 → 15.00, 123456.78 → 12.3457, 12345678 → 1,234.5678.</summary>
    public static string WanYuan(decimal yuan) => Wan(yuan / YuanPerWan);

    public static string WanYuan(decimal? yuan) => yuan is { } value ? WanYuan(value) : None;

    /// <summary>A figure already in 万元 (the diff's key figures), with a plus sign when <paramref name="signed"/>.</summary>
    public static string Wan(decimal wanYuan, bool signed = false) =>
        (signed && wanYuan > 0 ? "+" : "") + wanYuan.ToString("#,##0.00##", CultureInfo.InvariantCulture);

    public static string Wan(decimal? wanYuan, bool signed = false) => wanYuan is { } value ? Wan(value, signed) : None;

    /// <summary>元 → 万元 as a number (the diff's key figures).</summary>
    public static decimal? ToWan(decimal? yuan) => yuan / YuanPerWan;

    /// <summary>An instant in 北京时间 to the minute: 2026-11-30 18:00.</summary>
    public static string Time(DateTimeOffset instant) =>
        ChinaTime.ToChina(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The 北京时间 date of an instant: 2026-11-30.</summary>
    public static string Date(DateTimeOffset instant) =>
        ChinaTime.ToChina(instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The 北京时间 date as official forms write it: 2026年11月30日.</summary>
    public static string ChineseDate(DateTimeOffset instant) =>
        ChinaTime.ToChina(instant).ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    /// <summary>A file size: 512 B, 12.3 KB, 4.5 MB.</summary>
    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    /// <summary>The 北京时间 day without the year, as a next-step line says it: 12月17日.</summary>
    public static string MonthDay(DateTimeOffset instant) =>
        ChinaTime.ToChina(instant).ToString("M月d日", CultureInfo.InvariantCulture);

    /// <summary>The 北京时间 day and minute without the year: 12月17日 14:30.</summary>
    public static string MonthDayTime(DateTimeOffset instant) =>
        ChinaTime.ToChina(instant).ToString("M月d日 HH:mm", CultureInfo.InvariantCulture);
}
