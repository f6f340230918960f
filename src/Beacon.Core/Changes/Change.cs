using Beacon.Contracts;
using Beacon.Core.Model;

namespace Beacon.Core.Changes;

/// <summary>One change to one instance. For removals, <see cref="Instance"/> is its last state.</summary>
public sealed record Change(long Revision, ChangeOp Op, Instance Instance);
