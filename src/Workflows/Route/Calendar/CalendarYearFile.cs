using System.Globalization;
using System.Text.Json;

namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>
/// Reads and validates one year file of <c>infra/calendar</c> (shape of calendar/cn-holidays.md, plus an optional
/// <c>"confirmed": false</c> for a year whose notice is not published). Every problem throws
/// <see cref="CalendarConfigurationException"/> naming the file and the entry.
/// </summary>
public static class CalendarYearFile
{
    private static readonly string[] TopLevelFields = ["year", "confirmed", "source", "holidays", "workdays"];
    private static readonly string[] HolidayFields = ["name", "from", "to"];
    private static readonly string[] WorkdayFields = ["date", "for"];

    public static CalendarYear Read(string path)
    {
        var fileName = Path.GetFileName(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new CalendarConfigurationException(fileName, null, $"无法读取文件（{e.Message}）。", e);
        }
        return Parse(fileName, text);
    }

    public static CalendarYear Parse(string fileName, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CalendarConfigurationException(fileName, null, $"不是有效的 JSON（第 {e.LineNumber + 1} 行）：{e.Message}", e);
        }
        using (document)
        {
            return ReadYear(fileName, document.RootElement);
        }
    }

    private static CalendarYear ReadYear(string fileName, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CalendarConfigurationException(fileName, null, "顶层必须是一个 JSON 对象。");
        }
        CheckFields(fileName, null, root, TopLevelFields);

        var yearElement = Required(fileName, null, root, "year", JsonValueKind.Number);
        if (!yearElement.TryGetInt32(out var year) || year is < 2000 or > 2100)
        {
            throw new CalendarConfigurationException(fileName, "year", $"年份 {yearElement.GetRawText()} 无效，应为 2000–2100 之间的整数。");
        }
        var expectedName = year.ToString(CultureInfo.InvariantCulture) + ".json";
        if (!string.Equals(fileName, expectedName, StringComparison.OrdinalIgnoreCase))
        {
            throw new CalendarConfigurationException(fileName, "year", $"文件名应为 {expectedName}（与 year 一致）。");
        }

        var confirmed = true;
        if (root.TryGetProperty("confirmed", out var confirmedElement))
        {
            if (confirmedElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new CalendarConfigurationException(fileName, "confirmed", "应为 true 或 false。");
            }
            confirmed = confirmedElement.GetBoolean();
        }

        var source = RequiredText(fileName, null, root, "source");
        var holidays = ReadHolidays(fileName, year, Required(fileName, null, root, "holidays", JsonValueKind.Array));
        var workdays = ReadWorkdays(fileName, year, Required(fileName, null, root, "workdays", JsonValueKind.Array));

        if (!confirmed && (holidays.Count > 0 || workdays.Count > 0))
        {
            throw new CalendarConfigurationException(fileName, "confirmed",
                "未确认的年份（confirmed: false）只按周末计算，不能列出节假日或调休；通知发布后请删除 confirmed 并填写。");
        }
        CheckOverlaps(fileName, holidays, workdays);
        return new CalendarYear(year, confirmed, source, fileName, holidays, workdays);
    }

    private static List<PublicHoliday> ReadHolidays(string fileName, int year, JsonElement array) =>
        ReadEntries(fileName, "holidays", array, HolidayFields, (entry, item) =>
        {
            var name = RequiredText(fileName, entry, item, "name");
            entry = $"{entry}（{name}）";
            var from = RequiredDate(fileName, entry, item, "from");
            var to = RequiredDate(fileName, entry, item, "to");
            if (from.Year != year || to.Year != year)
            {
                throw new CalendarConfigurationException(fileName, entry, $"日期 {Iso(from)}–{Iso(to)} 不在 {year} 年内。");
            }
            if (from > to)
            {
                throw new CalendarConfigurationException(fileName, entry, $"起始日 {Iso(from)} 晚于结束日 {Iso(to)}。");
            }
            return new PublicHoliday(name, from, to);
        });

    private static List<MakeUpWorkday> ReadWorkdays(string fileName, int year, JsonElement array) =>
        ReadEntries(fileName, "workdays", array, WorkdayFields, (entry, item) =>
        {
            var date = RequiredDate(fileName, entry, item, "date");
            var holidayName = RequiredText(fileName, entry, item, "for");
            entry = $"{entry}（{Iso(date)}）";
            if (date.Year != year)
            {
                throw new CalendarConfigurationException(fileName, entry, $"日期不在 {year} 年内。");
            }
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                throw new CalendarConfigurationException(fileName, entry, "调休上班日必须是星期六或星期日（工作日本来就上班）。");
            }
            return new MakeUpWorkday(date, holidayName);
        });

    /// <summary>Reads each object of a list, naming it <c>list[i]</c> in every message, with only the allowed fields.</summary>
    private static List<T> ReadEntries<T>(
        string fileName, string list, JsonElement array, string[] fields, Func<string, JsonElement, T> read)
    {
        var entries = new List<T>();
        foreach (var item in array.EnumerateArray())
        {
            var entry = $"{list}[{entries.Count}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new CalendarConfigurationException(fileName, entry, $"应为包含 {string.Join("、", fields)} 的对象。");
            }
            CheckFields(fileName, entry, item, fields);
            entries.Add(read(entry, item));
        }
        return entries;
    }

    private static void CheckOverlaps(string fileName, List<PublicHoliday> holidays, List<MakeUpWorkday> workdays)
    {
        for (var i = 0; i < holidays.Count; i++)
        {
            for (var j = i + 1; j < holidays.Count; j++)
            {
                if (holidays[i].From <= holidays[j].To && holidays[j].From <= holidays[i].To)
                {
                    throw new CalendarConfigurationException(fileName, $"holidays[{j}]（{holidays[j].Name}）",
                        $"与 holidays[{i}]（{holidays[i].Name}）的日期重叠。");
                }
            }
        }
        var seen = new HashSet<DateOnly>();
        for (var w = 0; w < workdays.Count; w++)
        {
            var date = workdays[w].Date;
            var entry = $"workdays[{w}]（{Iso(date)}）";
            if (!seen.Add(date))
            {
                throw new CalendarConfigurationException(fileName, entry, "同一日期重复列出。");
            }
            var clash = holidays.FindIndex(h => h.From <= date && date <= h.To);
            if (clash >= 0)
            {
                throw new CalendarConfigurationException(fileName, entry,
                    $"落在 holidays[{clash}]（{holidays[clash].Name}）的放假期间内，一天不能既放假又上班。");
            }
        }
    }

    private static void CheckFields(string fileName, string? entry, JsonElement element, string[] allowed)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                throw new CalendarConfigurationException(fileName, entry,
                    $"未知字段 \"{property.Name}\"（允许的字段：{string.Join("、", allowed)}）。");
            }
        }
    }

    private static JsonElement Required(string fileName, string? entry, JsonElement element, string name, JsonValueKind kind)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            throw new CalendarConfigurationException(fileName, entry, $"缺少字段 \"{name}\"。");
        }
        if (value.ValueKind != kind)
        {
            throw new CalendarConfigurationException(fileName, entry, $"字段 \"{name}\" 的类型应为 {kind}，实为 {value.ValueKind}。");
        }
        return value;
    }

    private static string RequiredText(string fileName, string? entry, JsonElement element, string name)
    {
        var text = Required(fileName, entry, element, name, JsonValueKind.String).GetString()!.Trim();
        if (text.Length == 0)
        {
            throw new CalendarConfigurationException(fileName, entry, $"字段 \"{name}\" 不能为空。");
        }
        return text;
    }

    private static DateOnly RequiredDate(string fileName, string entry, JsonElement element, string name)
    {
        var text = Required(fileName, entry, element, name, JsonValueKind.String).GetString()!;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new CalendarConfigurationException(fileName, entry, $"字段 \"{name}\" 的值 \"{text}\" 不是 yyyy-MM-dd 格式的日期。");
        }
        return date;
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
