using PerfWorkflow.EndToEnd.Messaging;
using PerfWorkflow.EndToEnd.Route;

namespace PerfWorkflow.EndToEnd.Notifications;

/// <summary>RabbitMQ stopped while a 科室 submits a burst of declarations: the outbox holds the events until it returns.</summary>
public sealed class BrokerOutageMailTests(RouteFixture fx) : IClassFixture<RouteFixture>
{
    private const int Burst = 20;
    private static readonly string[] Office = ["office@t.cn", "office2@t.cn"];

    [Fact]
    public async Task BrokerStopped_DuringABurstOfSubmits_EveryOfficeEmailArrivesAfterItReturns_NoneTwice()
    {
        using var drafter = await fx.LoginAsync("drafter.gy");
        var cycle = await fx.NewCycleAsync();
        var drafts = new List<(Guid Id, string Subject)>();
        for (var i = 0; i < Burst; i++)
        {
            var form = RouteFixture.ValidForm();
            form.Name += $"（第{i + 1}项）";
            var created = await RouteFixture.CreateAsync(drafter, cycle, form);
            drafts.Add((created["id"]!.GetValue<Guid>(), $"【待审核】工业运行科提交申报表：{created["name"]!.GetValue<string>()}"));
        }
        Assert.Equal(Burst, drafts.Select(d => d.Subject).Distinct().Count());
        var subjects = drafts.Select(d => d.Subject).ToHashSet();

        await RabbitMqBroker.StopAsync();
        try
        {
            foreach (var (id, _) in drafts)
            {
                await MailDeliveryTests.ActOk(drafter, id, "submit", new { });
            }
            Assert.True(await fx.Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages") > 0, "The outbox holds the submits' events.");
            Assert.DoesNotContain(fx.Smtp.Messages, m => subjects.Contains(m.Subject ?? ""));
        }
        finally
        {
            await RabbitMqBroker.StartAsync();
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (Received().Count < Burst * Office.Length)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Received().Count} of {Burst * Office.Length} office emails arrived after the broker returned.");
            await Task.Delay(200);
        }
        // Time for a late duplicate to show.
        await Task.Delay(TimeSpan.FromSeconds(3));

        var counts = Received().GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        var expected = drafts.SelectMany(d => Office.Select(to => (d.Subject, to))).ToList();
        Assert.All(expected, mail => Assert.Equal(1, counts.GetValueOrDefault(mail)));
        Assert.Equal(expected.Count, counts.Count);

        List<(string Subject, string To)> Received() =>
        [
            .. fx.Smtp.Messages.Where(m => subjects.Contains(m.Subject ?? ""))
                .SelectMany(m => m.To.Mailboxes.Select(b => (m.Subject!, b.Address))),
        ];
    }
}
