using Beacon.Samples.Orders;

await OrdersApp.Build(args).RunAsync();
