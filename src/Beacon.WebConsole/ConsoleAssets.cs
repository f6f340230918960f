using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Beacon.WebConsole;

/// <summary>The built console (wwwroot/, embedded in this assembly) and how each file is served.</summary>
internal sealed class ConsoleAssets
{
    private readonly ManifestEmbeddedFileProvider _files = new(typeof(ConsoleAssets).Assembly, "wwwroot");
    private readonly FileExtensionContentTypeProvider _types = new();

    /// <summary>A file under wwwroot/ (e.g. <c>assets/index-3f2a.js</c>), or null.</summary>
    public IFileInfo? Find(string path)
    {
        var file = _files.GetFileInfo(path);
        return file.Exists && !file.IsDirectory ? file : null;
    }

    public IFileInfo Index => Find("index.html")
        ?? throw new InvalidOperationException($"The console's index.html is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}; build src/Beacon.WebConsole/web.");

    public string ContentType(string path) =>
        _types.TryGetContentType(path, out var type) ? type : "application/octet-stream";
}
