module example.com/go-event-handler

go 1.23
