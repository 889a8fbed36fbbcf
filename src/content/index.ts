console.log("content")
