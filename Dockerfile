# Beacon node image. Build: docker build -t beacon .   Run: docker run -p 7171:7171 beacon
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Beacon.Host -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
EXPOSE 7171
# Listen on every interface inside the container; the node id must be the address peers use
# (in Kubernetes: the pod IP, see deploy/kubernetes/beacon.yaml).
ENV ASPNETCORE_URLS=http://0.0.0.0:7171
USER $APP_UID
ENTRYPOINT ["dotnet", "beacon-server.dll"]
