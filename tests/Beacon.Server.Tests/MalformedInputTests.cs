using System.Net;
using System.Net.Http.Json;
using System.Text;
using Beacon.Contracts;
using Beacon.TestKit;

namespace Beacon.Server.Tests;

/// <summary>Every bad input gets a clear 4xx naming the problem, and the node keeps serving.</summary>
[Trait("Category", "Integration")]
public sealed class MalformedInputTests : IAsyncLifetime
{
    private BeaconTestNode _node = null!;

    private HttpClient Client => _node.Client;

    public async Task InitializeAsync()
    {
        _node = await BeaconTestNode.StartAsync();
        await Client.RegisterOkAsync("orders", "keep-me");
    }

    public async Task DisposeAsync()
    {
        // Whatever a test threw at it, the node still serves and lost nothing.
        Assert.Equal("ok", await Client.GetStringAsync(BeaconRoutes.Healthz));
        Assert.Contains((await Client.GetServiceAsync("orders")).Instances, i => i.Id == "keep-me");
        await _node.DisposeAsync();
    }

    [Theory]
    [InlineData("{", null)]
    [InlineData("not json at all", null)]
    [InlineData("""{"addresses":["http://a:1"]""", null)]
    [InlineData("[1,2,3]", null)]
    [InlineData("""{"addresses":"http://a:1"}""", "addresses")]
    [InlineData("""{"addresses":["http://a:1"],"weight":"heavy"}""", "weight")]
    [InlineData("""{"addresses":["http://a:1"],"weight":1.5}""", "weight")]
    [InlineData("""{"addresses":["http://a:1"],"weight":99999999999}""", "weight")]
    [InlineData("""{"addresses":["http://a:1"],"status":"SLEEPING"}""", "status")]
    [InlineData("""{"addresses":["http://a:1"],"healthy":"yes"}""", "healthy")]
    [InlineData("""{"addresses":["http://a:1"],"metadata":{"k":1}}""", "metadata.k")]
    [InlineData("""{"addresses":[42]}""", "addresses[0]")]
    public async Task Register_MalformedBody_Is400(string body, string? field)
    {
        using var response = await Client.RegisterAsync("orders", "o-1", body);
        var problem = await response.ProblemAsync(400);
        Assert.Equal(ProblemTypes.MalformedBody, problem.Type);
        if (field is not null)
        {
            Assert.Equal(field, problem.Field);
            Assert.Contains($"'{field}' must be", problem.Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{"addresses":[]}""", "addresses")]
    [InlineData("""{"addresses":["nope"]}""", "addresses[0]")]
    [InlineData("""{"addresses":["http://a:1"],"weight":-1}""", "weight")]
    [InlineData("""{"addresses":["http://a:1"],"leaseSeconds":0}""", "leaseSeconds")]
    [InlineData("""{"addresses":["http://a:1"],"zone":"bad zone"}""", "zone")]
    [InlineData("""{"addresses":["http://a:1"],"metadata":{"bad key":"v"}}""", "metadata.bad key")]
    [InlineData("""{"addresses":["http://a:1"],"metadata":{"k":null}}""", "metadata.k")]
    [InlineData("""{"addresses":[null]}""", "addresses[0]")]
    public async Task Register_RuleBroken_Is400InvalidArgument(string body, string field)
    {
        using var response = await Client.RegisterAsync("orders", "o-1", body);
        var problem = await response.ProblemAsync(400);
        Assert.Equal(ProblemTypes.InvalidArgument, problem.Type);
        Assert.Equal(field, problem.Field);
    }

    /// <summary>
    /// Every field of a registration and of a patch, in turn, set to each of a range of wrong JSON
    /// values: each answer is 2xx or 4xx, never 5xx. (A null metadata value once was a 500.)
    /// </summary>
    [Fact]
    public async Task EveryFieldSetToAWrongValue_IsNever5xx()
    {
        string[] values =
        [
            "null", "0", "-1", "2147483648", "9223372036854775808", "1.5", "true", "\"\"", "\"x\"", "\"UP\"",
            "[]", "[null]", "[1]", "[\"http://a:1\"]", "{}", "{\"k\":null}", "{\"k\":1}", "{\"\":\"v\"}", "{\"k\":{\"n\":\"v\"}}",
            $"\"{new string('x', 5000)}\"",
        ];
        var register = new Dictionary<string, string>
        {
            ["addresses"] = "[\"http://10.0.0.1:8080\"]", ["zone"] = "\"z1\"", ["status"] = "\"UP\"", ["healthy"] = "true",
            ["weight"] = "100", ["version"] = "\"1.0\"", ["metadata"] = "{\"k\":\"v\"}", ["leaseSeconds"] = "90", ["heartbeatSeconds"] = "30",
        };
        var patch = new Dictionary<string, string>
        {
            ["status"] = "\"UP\"", ["statusOverride"] = "\"DOWN\"", ["healthy"] = "true", ["weight"] = "5", ["metadata"] = "{\"k\":\"v\",\"x\":null}",
        };
        await Client.RegisterOkAsync("fuzz", "target");
        var failures = new List<string>();
        var n = 0;
        foreach (var (fields, isPatch) in new[] { (register, false), (patch, true) })
        {
            foreach (var field in fields.Keys)
            {
                foreach (var value in values)
                {
                    var body = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{(f.Key == field ? value : f.Value)}")) + "}";
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = isPatch
                        ? await Client.PatchAsync(BeaconRoutes.Instance("fuzz", "target"), content)
                        : await Client.PutAsync(BeaconRoutes.Instance("fuzz", $"f-{n++}"), content);
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{(isPatch ? "PATCH" : "PUT")} {field}={value[..Math.Min(value.Length, 20)]}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Register_EmptyOrNullBody_Is400()
    {
        using var empty = await Client.PutAsync(BeaconRoutes.Instance("orders", "o-1"), new StringContent("", Encoding.UTF8, "application/json"));
        await empty.ProblemAsync(400);
        using var nul = await Client.RegisterAsync("orders", "o-1", "null");
        await nul.ProblemAsync(400);
    }

    [Fact]
    public async Task Register_WrongMediaType_Is415()
    {
        using var response = await Client.PutAsync(BeaconRoutes.Instance("orders", "o-1"),
            new StringContent("addresses=http://a:1", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(ProblemTypes.UnsupportedMediaType, (await response.ProblemAsync(415)).Type);
    }

    [Fact]
    public async Task Register_HugeBody_Is413()
    {
        var huge = $$"""{"addresses":["http://a:1"],"version":"{{new string('x', 2 * 1024 * 1024)}}"}""";
        using var response = await Client.RegisterAsync("orders", "o-1", huge);
        Assert.Equal(ProblemTypes.BodyTooLarge, (await response.ProblemAsync(413)).Type);
    }

    [Theory]
    [InlineData("bad%20name", "o-1", "service")]
    [InlineData("-dash", "o-1", "service")]
    [InlineData("orders", "bad%2Fid", "id")]
    [InlineData("orders", "sp%20ace", "id")]
    public async Task Register_InvalidNames_Are400(string service, string id, string field)
    {
        using var response = await Client.PutAsync($"/v1/services/{service}/instances/{id}", Http.Json("""{"addresses":["http://a:1"]}"""));
        Assert.Equal(field, (await response.ProblemAsync(400)).Field);
    }

    [Fact]
    public async Task Register_InvalidNamespace_Is400()
    {
        using var response = await Client.RegisterAsync("orders", "o-1", ns: "no%20way");
        Assert.Equal("namespace", (await response.ProblemAsync(400)).Field);
    }

    [Fact]
    public async Task Get_UnknownServiceAndNamespace_Are404()
    {
        using var service = await Client.GetAsync(BeaconRoutes.Service("ghost"));
        Assert.Equal(ProblemTypes.ServiceNotFound, (await service.ProblemAsync(404)).Type);
        using var ns = await Client.GetAsync(BeaconRoutes.Service("orders") + "?namespace=ghost");
        Assert.Equal(ProblemTypes.NamespaceNotFound, (await ns.ProblemAsync(404)).Type);
    }

    [Theory]
    [InlineData("?status=SLEEPY", "status")]
    [InlineData("?healthy=perhaps", "healthy")]
    [InlineData("?zone=a%20b", "zone")]
    public async Task Get_BadFilters_Are400(string query, string field)
    {
        using var response = await Client.GetAsync(BeaconRoutes.Service("orders") + query);
        Assert.Equal(field, (await response.ProblemAsync(400)).Field);
    }

    [Fact]
    public async Task BatchHeartbeat_TooMany_Is400()
    {
        var items = string.Join(",", Enumerable.Range(0, 10_001).Select(i => $$"""{"service":"s","id":"{{i}}"}"""));
        using var response = await Client.PostAsync(BeaconRoutes.Heartbeats, Http.Json($$"""{"instances":[{{items}}]}"""));
        Assert.Equal("instances", (await response.ProblemAsync(400)).Field);
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        using var response = await Client.GetAsync("/v1/nothing-here");
        await response.ProblemAsync(404);
    }

    [Fact]
    public async Task ManyBadRequestsInParallel_NodeKeepsServing()
    {
        var bodies = new[] { "{", "[]", "null", """{"weight":"x"}""", """{"addresses":[1]}""", new string('{', 5000) };
        var tasks = Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await Client.RegisterAsync("orders", $"bad-{i}", bodies[i % bodies.Length]);
            return response.StatusCode;
        });

        var codes = await Task.WhenAll(tasks);
        Assert.All(codes, c => Assert.Equal(HttpStatusCode.BadRequest, c));
        var status = await Client.GetFromJsonAsync(BeaconRoutes.Status, BeaconJsonContext.Default.NodeStatus);
        Assert.Equal(1, status!.Instances);
    }
}
