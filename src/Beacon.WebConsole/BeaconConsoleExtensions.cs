using Beacon.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Beacon.WebConsole;

/// <summary>Maps the web console at <c>/ui</c>.</summary>
public static class BeaconConsoleExtensions
{
    /// <summary>
    /// Maps the console at <c>/ui</c> and returns its group, so the host can guard it. Built assets
    /// (content-hashed names) are cached for a year; every other path under <c>/ui</c> answers the
    /// app's index.html, which routes in the browser (so <c>/ui/services/orders</c> can be bookmarked).
    /// </summary>
    public static RouteGroupBuilder MapBeaconConsole(this IEndpointRouteBuilder endpoints)
    {
        var assets = new ConsoleAssets();
        var ui = endpoints.MapGroup(BeaconRoutes.Console);
        ui.MapGet("/assets/{**file}", (string file, HttpContext context) =>
            assets.Find("assets/" + file) is { } found
                ? Serve(context, found, assets.ContentType(file), "public, max-age=31536000, immutable")
                : Results.NotFound());
        ui.MapGet("/{file:regex(^[^/]+\\.(svg|png|ico|txt)$)}", (string file, HttpContext context) =>
            assets.Find(file) is { } found ? Serve(context, found, assets.ContentType(file), "public, max-age=3600") : Results.NotFound());
        ui.MapGet("", (HttpContext context) => Serve(context, assets.Index, "text/html; charset=utf-8", "no-cache"));
        ui.MapGet("/{**path}", (HttpContext context) => Serve(context, assets.Index, "text/html; charset=utf-8", "no-cache"));
        return ui;
    }

    private static IResult Serve(HttpContext context, IFileInfo file, string contentType, string cacheControl)
    {
        context.Response.Headers[HeaderNames.CacheControl] = cacheControl;
        context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return Results.Stream(file.CreateReadStream(), contentType, lastModified: file.LastModified);
    }
}
